package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@PortalIntegrationTest
class TenantManagementTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestTenants tenants;

    @Test
    void creatingATenantCreatesItsFirstAdminWithAOneTimePasswordAndAuditsBoth() throws Exception {
        String code = TestTenants.creditCode();
        String admin = "first-" + TestTenants.unique();
        String html = mvc.perform(create(code.toLowerCase(), admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("one-time-password")))
                .andReturn().getResponse().getContentAsString();
        String oneTimePassword = html.replaceAll("(?s).*id=\"one-time-password\">([^<]+)<.*", "$1");
        assertThat(oneTimePassword).hasSize(14);

        long tenantId = jdbc.sql("SELECT id FROM tenant WHERE credit_code = ?").param(code).query(Long.class).single();
        var user = accounts.find(admin).orElseThrow();
        assertThat(user.tenantId()).isEqualTo(TenantId.of(tenantId));
        assertThat(user.role()).isEqualTo(Role.ENTERPRISE_ADMIN);
        assertThat(user.mustChangePassword()).isTrue();
        assertThat(user.passwordHash()).doesNotContain(oneTimePassword);
        assertThat(audit("TENANT_CREATED", Long.toString(tenantId))).isEqualTo(1);
        assertThat(audit("USER_CREATED", Long.toString(user.userId()))).isEqualTo(1);

        mvc.perform(formLogin("/login").user(admin).password(oneTimePassword)).andExpect(redirectedUrl("/account/password"));
    }

    @Test
    void aWrongCheckCharacterIsRefusedNextToTheFieldKeepingWhatWasTypedAndNothingIsStored() throws Exception {
        String code = TestTenants.creditCode();
        String wrong = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        String admin = "nobody-" + TestTenants.unique();
        mvc.perform(create(wrong, admin, "保留的名称"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("统一社会信用代码校验位不正确")))
                .andExpect(content().string(containsString("value=\"" + wrong + "\"")))
                .andExpect(content().string(containsString("value=\"保留的名称\"")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant WHERE credit_code = ?").param(wrong).query(Long.class).single())
                .isZero();
        assertThat(accounts.find(admin)).isEmpty();
    }

    @Test
    void everyBadFieldGetsItsOwnMessageInEnglishToo() throws Exception {
        mvc.perform(post("/operator/tenants").with(csrf()).with(TestLogins.as(accounts, "operator")).param("lang", "en")
                        .param("name", "").param("creditCode", "123").param("dailyOrderVolume", "many")
                        .param("category", "NOT_A_CATEGORY").param("contactName", "x").param("contactMobile", "12345")
                        .param("adminUsername", "A B")
                        .param("adminDisplayName", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This field is required.")))
                .andExpect(content().string(containsString("The unified social credit code has 18 characters.")))
                .andExpect(content().string(containsString("Enter a whole number (at most 9 digits).")))
                .andExpect(content().string(containsString("Choose one of the listed categories.")))
                .andExpect(content().string(containsString("value=\"many\"")))
                .andExpect(content().string(containsString("Enter a valid mainland China mobile number.")))
                .andExpect(content().string(containsString("Use 3 to 50 lower-case letters")));
    }

    @Test
    void aCreditCodeCanBeRegisteredOnlyOnce() throws Exception {
        TestTenants.Created existing = tenants.tenant();
        String code = jdbc.sql("SELECT credit_code FROM tenant WHERE id = ?").param(existing.tenantId())
                .query(String.class).single();
        String admin = "dup-" + TestTenants.unique();
        mvc.perform(create(code, admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该统一社会信用代码已登记为其他企业")));
        assertThat(accounts.find(admin)).isEmpty();
    }

    @Test
    void aTakenAdminUsernameRollsBackTheWholeTenant() throws Exception {
        String code = TestTenants.creditCode();
        mvc.perform(create(code, "operator"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该用户名已被使用")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant WHERE credit_code = ?").param(code).query(Long.class).single())
                .isZero();
    }

    @Test
    void suspendingNeedsAReasonThenSignsTheTenantOutAndIsAudited() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String path = "/operator/tenants/" + tenant.tenantId() + "/status";
        mvc.perform(post(path).with(csrf()).with(TestLogins.as(accounts, "operator")).param("target", "SUSPENDED"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写原因")));
        assertThat(tenantStatus(tenant.tenantId())).isEqualTo("ACTIVE");

        mvc.perform(post(path).with(csrf()).with(TestLogins.as(accounts, "operator")).param("target", "SUSPENDED")
                        .param("reason", "疑似转租转售"))
                .andExpect(redirectedUrl("/operator/tenants/" + tenant.tenantId()));
        assertThat(tenantStatus(tenant.tenantId())).isEqualTo("SUSPENDED");
        assertThat(audit("TENANT_SUSPENDED", Long.toString(tenant.tenantId()))).isEqualTo(1);

        mvc.perform(formLogin("/login").user(tenant.adminUsername()).password(tenant.oneTimePassword()))
                .andExpect(redirectedUrl("/login?error=suspended&username=" + tenant.adminUsername()));
    }

    @Test
    void aTerminatedTenantCannotBeReactivatedEvenByAForgedPost() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String path = "/operator/tenants/" + tenant.tenantId() + "/status";
        mvc.perform(post(path).with(csrf()).with(TestLogins.as(accounts, "operator")).param("target", "TERMINATED")
                .param("reason", "合同终止"));
        mvc.perform(post(path).with(csrf()).with(TestLogins.as(accounts, "operator")).param("target", "ACTIVE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("当前状态下不能进行该变更")));
        assertThat(tenantStatus(tenant.tenantId())).isEqualTo("TERMINATED");
    }

    @Test
    void editingRecordsWhatChanged() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String code = jdbc.sql("SELECT credit_code FROM tenant WHERE id = ?").param(tenant.tenantId())
                .query(String.class).single();
        mvc.perform(post("/operator/tenants/" + tenant.tenantId()).with(csrf()).with(TestLogins.as(accounts, "operator"))
                        .param("name", "改名后的企业").param("creditCode", code).param("category", "RIDE_HAILING")
                        .param("dailyOrderVolume", "20000").param("contactName", "联系人")
                        .param("contactMobile", "+86 139 0000 1111"))
                .andExpect(redirectedUrl("/operator/tenants/" + tenant.tenantId()));
        String details = jdbc.sql("SELECT details FROM audit_entry WHERE action = 'TENANT_UPDATED' AND target_id = ?")
                .param(Long.toString(tenant.tenantId())).query(String.class).single();
        assertThat(details).contains("改名后的企业").contains("RIDE_HAILING").contains("139****1111")
                .doesNotContain("13900001111");
    }

    private MockHttpServletRequestBuilder create(String code, String admin) {
        return create(code, admin, "新企业" + TestTenants.unique());
    }

    private MockHttpServletRequestBuilder create(String code, String admin, String name) {
        return post("/operator/tenants").with(csrf()).with(TestLogins.as(accounts, "operator"))
                .param("name", name).param("creditCode", code)
                .param("category", "EXPRESS_LOGISTICS").param("dailyOrderVolume", "50000")
                .param("contactName", "王五").param("contactMobile", "138 0013 8000")
                .param("adminUsername", admin).param("adminDisplayName", "首位管理员");
    }

    private String tenantStatus(long tenantId) {
        return jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenantId).query(String.class).single();
    }

    private long audit(String action, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?").params(action, targetId)
                .query(Long.class).single();
    }
}
