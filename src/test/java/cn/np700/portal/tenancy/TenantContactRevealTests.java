package cn.np700.portal.tenancy;

import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23, item 9: an enterprise's contact mobile is masked on the operators' tenant page for every role; only an
 * operator admin may have it shown in full, and each time is on the audit trail (with the masked number only).
 */
@PortalIntegrationTest
class TenantContactRevealTests {

    private static final String FULL = "13800138000";
    private static final String MASKED = "138****8000";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theTenantPageShowsTheContactMobileMaskedToEveryOperatorRole() throws Exception {
        long tenant = tenants.tenant().tenantId();
        for (String role : new String[] {"auditor", "reviewer", "operator"}) {
            String page = page(tenant, role);
            assertThat(page).as(role).contains(MASKED).doesNotContain(FULL);
            assertThat(page.contains("id=\"reveal-contact-mobile\"")).as(role).isEqualTo(role.equals("operator"));
        }
        assertThat(reveals(tenant)).isZero();
    }

    @Test
    void anOperatorAdminHasItShownInFullAndTheRevealIsAudited() throws Exception {
        long tenant = tenants.tenant().tenantId();

        String fragment = mvc.perform(post("/operator/tenants/{id}/contact-mobile", tenant).header("HX-Request", "true")
                        .with(csrf()).with(as(accounts, "operator")))
                .andReturn().getResponse().getContentAsString();

        assertThat(fragment).contains(FULL).contains("id=\"contact-mobile\"").doesNotContain("reveal-contact-mobile")
                .doesNotContain("<html");
        assertThat(reveals(tenant)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT CONCAT(actor, ' ', tenant_id, ' ', details) FROM audit_entry "
                        + "WHERE action = 'TENANT_CONTACT_REVEALED' AND target_id = ?").param(Long.toString(tenant))
                .query(String.class).single()).startsWith("operator " + tenant).contains(MASKED).doesNotContain(FULL);
        // the page itself stays masked: a reveal shows the number once, where it was asked for
        assertThat(page(tenant, "operator")).doesNotContain(FULL);
    }

    @Test
    void reviewersAndAuditorsMayNotHaveItShownAndNothingIsAudited() throws Exception {
        long tenant = tenants.tenant().tenantId();
        for (String role : new String[] {"auditor", "reviewer"}) {
            var response = mvc.perform(post("/operator/tenants/{id}/contact-mobile", tenant).header("HX-Request", "true")
                    .with(csrf()).with(as(accounts, role))).andReturn().getResponse();
            assertThat(response.getStatus()).as(role).isEqualTo(403);
            assertThat(response.getContentAsString()).doesNotContain(FULL);
        }
        assertThat(reveals(tenant)).isZero();
    }

    @Test
    void anUnknownTenantAnswersNotFound() throws Exception {
        assertThat(mvc.perform(post("/operator/tenants/{id}/contact-mobile", 987_654_321L).header("HX-Request", "true")
                .with(csrf()).with(as(accounts, "operator"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    private String page(long tenant, String username) throws Exception {
        return mvc.perform(get("/operator/tenants/{id}", tenant).with(as(accounts, username)))
                .andReturn().getResponse().getContentAsString();
    }

    private long reveals(long tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'TENANT_CONTACT_REVEALED' AND target_id = ?")
                .param(Long.toString(tenant)).query(Long.class).single();
    }
}
