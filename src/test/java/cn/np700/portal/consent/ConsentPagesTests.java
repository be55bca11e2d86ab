package cn.np700.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.runs.Run;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The consents page: record (bad input named next to its field), list masked, withdraw only when confirmed, import. */
@PortalIntegrationTest
class ConsentPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    Consents consents;
    @Autowired
    ConsentImports imports;

    private String body(RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String masked(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(7);
    }

    @Test
    void aTenantUserRecordsListsAndWithdrawsAConsent() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        TenantId id = TenantId.of(tenant.tenantId());
        String mobile = TestMobiles.withPrefix("139");

        String refused = body(post("/consents").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                .param("mobile", "1234").param("channel", "APP").param("evidence", "form 9").param("grantedAt", ""));
        assertThat(refused).contains("请输入 11 位中国大陆手机号").contains("value=\"form 9\"");
        assertThat(consents.list(id, new ConsentFilter(null, null, null), cn.np700.portal.web.SortOrder.parse(null,
                ConsentFilter.SORTS, "-recorded"), cn.np700.portal.web.PageQuery.of(1, 20)).total()).isZero();

        mvc.perform(post("/consents").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                        .param("mobile", mobile).param("channel", "PAPER").param("evidence", "form 9").param("grantedAt", ""))
                .andExpect(status().is3xxRedirection());
        long consent = consents.stateOf(id, mobile).inForce().orElseThrow().id();
        String list = body(get("/consents").param("status", "IN_FORCE").with(TestLogins.as(accounts, tenant.admin())));
        assertThat(list).contains(masked(mobile)).doesNotContain(mobile).contains("withdraw-" + consent);
        assertThat(body(get("/consents").param("lang", "en").with(TestLogins.as(accounts, tenant.admin()))))
                .contains("Record consent");

        // another enterprise neither sees nor withdraws it
        assertThat(body(get("/consents").with(TestLogins.as(accounts, other.admin())))).doesNotContain(masked(mobile));
        mvc.perform(post("/consents/" + consent + "/withdraw").with(csrf()).with(TestLogins.as(accounts, other.admin()))
                .param("confirm", "yes")).andExpect(status().isNotFound());
        // not without the confirmation
        mvc.perform(post("/consents/" + consent + "/withdraw").with(csrf()).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection());
        assertThat(consents.find(id, consent).orElseThrow().inForce()).isTrue();

        mvc.perform(post("/consents/" + consent + "/withdraw").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                .param("confirm", "yes")).andExpect(status().is3xxRedirection());
        assertThat(consents.find(id, consent).orElseThrow().withdrawnBy()).isEqualTo(tenant.admin());
        assertThat(bindings.audits("CONSENT_WITHDRAWN", tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void anEnterpriseImportsConsentsFromACsvFileInTheBackground() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TenantId id = TenantId.of(tenant.tenantId());
        String first = TestMobiles.withPrefix("139");
        String second = TestMobiles.withPrefix("139");
        bindings.consented(tenant.tenantId(), second);
        String csv = "mobile,channel,evidence,grantedAt\n" + first + ",APP,signup 1,2026-01-01T00:00:00Z\n"
                + second + ",WEB,,\n" + "12345,APP,,\n" + TestMobiles.withPrefix("139") + ",FAX,,\n";

        mvc.perform(multipart("/consents/import")
                        .file(new MockMultipartFile("file", "consents.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.recent(id, 1).stream().noneMatch(Run::running));
        Run run = imports.recent(id, 1).get(0);
        assertThat(run.total()).isEqualTo(4);
        assertThat(run.counts().of(ConsentImports.RECORDED)).isEqualTo(1);
        assertThat(run.counts().of(ConsentImports.EXISTING)).isEqualTo(1);
        assertThat(run.counts().of(ConsentImports.INVALID)).isEqualTo(2);
        assertThat(consents.stateOf(id, first).inForce()).get()
                .satisfies(c -> assertThat(c.evidence()).isEqualTo("signup 1"))
                .satisfies(c -> assertThat(c.recordedBy()).isEqualTo(tenant.admin()));
        // the fixture's consent and the imported one
        assertThat(bindings.audits("CONSENT_RECORDED", tenant.tenantId())).isEqualTo(2);
        assertThat(body(get("/consents").with(TestLogins.as(accounts, tenant.admin())))).contains("import-" + run.id());
        List<Run> none = imports.recent(TenantId.of(bindings.tenant().tenantId()), 5);
        assertThat(none).isEmpty();
    }

    @Test
    void aFileWithoutOneImportableLineIsRefusedAndStartsNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TenantId id = TenantId.of(tenant.tenantId());
        String csv = "${7*7},{x}\r\n=HYPERLINK(\"x\"),\u0000";

        mvc.perform(multipart("/consents/import")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("lang", "en").with(csrf()).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorText", org.hamcrest.Matchers.startsWith("No line of the file")));

        assertThat(imports.recent(id, 5)).isEmpty();
    }
}
