package cn.np700.portal.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.database.EmbeddedDatabaseMarker;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Checking numbers in the portal: what is stored (and what never is), outcomes, refusals, isolation, look-up. */
@PortalIntegrationTest
class VerificationPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    RealNameVerification verification;
    @Autowired
    MutableClock clock;
    @Autowired
    EmbeddedDatabaseMarker embedded;

    @AfterEach
    void resetClock() {
        clock.reset();
    }


    private String newAdmin() {
        return tenants.tenant().adminUsername();
    }

    private ResultActions check(String username, String mobile, String name, String idNumber) throws Exception {
        return mvc.perform(post("/verifications").with(csrf()).with(TestLogins.as(accounts, username))
                .param("mobile", mobile).param("name", name).param("idNumber", idNumber));
    }

    @Test
    void aVerifiedNumberIsStoredEncryptedHashedAndMaskedAndNeverInPlainText() throws Exception {
        String user = newAdmin();
        String mobile = TestMobiles.withPrefix("138");
        String typed = "+86 " + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        String masked = TestMobiles.masked(mobile);
        check(user, typed, "张三丰", "11010519491231002X")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(masked)))
                .andExpect(content().string(containsString("已实名")))
                .andExpect(content().string(not(containsString(mobile))));

        Map<String, Object> row = jdbc.sql("SELECT * FROM verification_record WHERE mobile_hash = ?")
                .param(cipher.index(mobile)).query().singleRow();
        assertThat(cipher.decrypt((byte[]) row.get("mobile_cipher"))).isEqualTo(mobile);
        assertThat(row.get("mobile_masked")).isEqualTo(masked);
        assertThat(row.get("name_masked")).isEqualTo("张**");
        assertThat(row.get("id_hash")).isEqualTo(cipher.index("id:11010519491231002X"));
        assertThat(row.get("outcome")).isEqualTo("VERIFIED");
        assertThat(row.get("valid_until")).isNotNull();
        for (Object value : row.values()) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            assertThat(text).doesNotContain(mobile).doesNotContain("张三丰").doesNotContain("11010519491231002");
        }
        List<String> details = jdbc.sql("SELECT details FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND target_id = ?")
                .param(row.get("id").toString()).query(String.class).list();
        assertThat(details).singleElement().asString().contains(masked).doesNotContain(mobile);
    }

    @Test
    void theSimulatorAnswersByPrefixAndEveryAnswerIsKept() throws Exception {
        String user = newAdmin();
        check(user, TestMobiles.withPrefix("1700"), "", "").andExpect(content().string(containsString("未实名")));
        check(user, TestMobiles.withPrefix("1999"), "李四", "11010519491231002X").andExpect(content().string(containsString("信息不一致")));
        check(user, TestMobiles.withPrefix("1998"), "", "").andExpect(content().string(containsString("核验失败")));
        check(user, TestMobiles.withPrefix("1999"), "", "").andExpect(content().string(containsString("已实名")));
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        assertThat(jdbc.sql("SELECT outcome FROM verification_record WHERE tenant_id = ? ORDER BY id").param(tenant)
                .query(String.class).list()).containsExactly("UNREGISTERED", "MISMATCH", "ERROR", "VERIFIED");
    }

    @Test
    void aFailedCheckSaysWhyAndIsCheckedAgainFromItsRowOnlyByItsOwnTenant() throws Exception {
        String user = newAdmin();
        String mobile = TestMobiles.withPrefix("1998");
        check(user, mobile, "", "").andExpect(status().isOk());
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        long id = jdbc.sql("SELECT id FROM verification_record WHERE tenant_id = ?").param(tenant).query(Long.class).single();
        mvc.perform(get("/verifications").with(TestLogins.as(accounts, user)))
                .andExpect(content().string(containsString("id=\"why-" + id + "\"")))
                .andExpect(content().string(containsString("核验服务暂时无法给出结果")))
                .andExpect(content().string(containsString("id=\"retry-" + id + "\"")));

        mvc.perform(post("/verifications/" + id + "/retry").with(csrf()).with(TestLogins.as(accounts, newAdmin())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/verifications/" + id + "/retry").with(csrf()).with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"result-outcome\"")))
                .andExpect(content().string(not(containsString(mobile))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ? AND mobile_hash = ?")
                .params(tenant, cipher.index(mobile)).query(Long.class).single()).isEqualTo(2);

        check(user, TestMobiles.withPrefix("1700"), "李四", "11010519491231002X").andExpect(status().isOk());
        long threeElements = jdbc.sql("SELECT MAX(id) FROM verification_record WHERE tenant_id = ?").param(tenant)
                .query(Long.class).single();
        mvc.perform(post("/verifications/" + threeElements + "/retry").with(csrf()).with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"retry-problem\"")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenant)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void badInputIsExplainedNextToItsFieldKeptAndNothingIsStored() throws Exception {
        String user = newAdmin();
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        check(user, "12345", "", "").andExpect(content().string(containsString("请输入有效的中国大陆手机号码")))
                .andExpect(content().string(containsString("value=\"12345\"")));
        check(user, "13800138000", "王五", "").andExpect(content().string(containsString("填写姓名时也请填写身份证号码")))
                .andExpect(content().string(containsString("value=\"王五\"")));
        check(user, "13800138000", "王五", "110105194912310021")
                .andExpect(content().string(containsString("居民身份证号码校验位不正确")));
        check(user, "13800138000", "", "11010519491231002X")
                .andExpect(content().string(containsString("填写身份证号码时也请填写姓名")));
        check(user, "13800138000", "<script>alert(1)</script>" + "长".repeat(20), "11010519491231002X")
                .andExpect(content().string(containsString("姓名不能超过 30 个字符")))
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aTenantSeesOnlyItsOwnChecksAndFindsANumberWithoutItInTheUrl() throws Exception {
        String mine = newAdmin();
        String theirs = newAdmin();
        String mobile = TestMobiles.withPrefix("139");
        String masked = TestMobiles.masked(mobile);
        check(theirs, mobile, "", "");
        mvc.perform(get("/verifications").with(TestLogins.as(accounts, mine)))
                .andExpect(content().string(not(containsString(masked))));
        check(mine, mobile, "", "");
        check(mine, TestMobiles.withPrefix("137"), "", "");

        String location = mvc.perform(post("/verifications/search").with(csrf()).with(TestLogins.as(accounts, mine))
                        .param("number", mobile))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).doesNotContain(mobile).contains("numberHash=");
        String page = mvc.perform(get(location).with(TestLogins.as(accounts, mine)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(masked).contains("第 1–1 条，共 1 条");

        mvc.perform(post("/verifications/search").with(csrf()).with(TestLogins.as(accounts, mine)).param("number", "abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请输入有效的中国大陆手机号码")))
                .andExpect(content().string(containsString("value=\"abc\"")));
    }

    @Test
    void aVerifiedResultLapsesAfterItsValidity() {
        TenantId tenant = accounts.find(newAdmin()).orElseThrow().tenantId();
        String mobile = TestMobiles.withPrefix("135");
        verification.check(tenant, "test", VerificationSource.PORTAL, new RealNameVerification.Subject(mobile, null, null));
        assertThat(verification.currentlyVerified(tenant, mobile)).isPresent();
        assertThat(verification.currentlyVerified(TenantId.of(tenant.value() + 1), mobile)).isEmpty();
        clock.advance(Duration.ofDays(91));
        assertThat(verification.currentlyVerified(tenant, mobile)).isEmpty();
    }

    @Test
    void theEmbeddedDatabasesKeysAreGeneratedBesideItsData() throws Exception {
        assertThat(Files.readString(embedded.dataDir().resolve(PersonalDataKeys.FILE))).contains("encryption=").contains("index=");
    }
}
