package cn.np700.portal.compliance;

import cn.np700.portal.compliance.complaints.ContactMask;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23, item 9: a citizen's complaint contact is masked in the operators' queue for every role. Those who handle
 * complaints (operator admins and reviewers: they may have to call the citizen back) can have it shown in full,
 * each time on the audit trail; auditors, who only look, cannot.
 */
@PortalIntegrationTest
class ComplaintContactRevealTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    record Filed(long id, long number) {
    }

    @Test
    void theQueueShowsTheContactMaskedToEveryOperatorRole() throws Exception {
        Filed complaint = file("王女士 139-1234-5678");
        for (String role : new String[] {"auditor", "reviewer", "operator"}) {
            String queue = queue(complaint, role);
            assertThat(queue).as(role).contains("王女士 139****5678").doesNotContain("139-1234-5678");
            assertThat(queue.contains("id=\"reveal-contact-" + complaint.id() + "\"")).as(role)
                    .isEqualTo(!role.equals("auditor"));
        }
        assertThat(reveals(complaint)).isZero();
    }

    @Test
    void aReviewerHasItShownInFullAndTheRevealIsAudited() throws Exception {
        Filed complaint = file("王女士 139-1234-5678");

        String fragment = mvc.perform(post("/operator/complaints/{id}/contact", complaint.id()).header("HX-Request", "true")
                        .with(csrf()).with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(fragment).contains("王女士 139-1234-5678").contains("id=\"contact-" + complaint.id() + "\"")
                .doesNotContain("reveal-contact-").doesNotContain("<html");
        assertThat(reveals(complaint)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT CONCAT(actor, ' ', details) FROM audit_entry "
                        + "WHERE action = 'COMPLAINT_CONTACT_REVEALED' AND target_id = ?").param(Long.toString(complaint.id()))
                .query(String.class).single()).startsWith("reviewer ").contains("139****5678").doesNotContain("1234-5678").doesNotContain("12345678");
        assertThat(queue(complaint, "reviewer")).doesNotContain("139-1234-5678");
    }

    @Test
    void anAuditorMayNotHaveItShownAndNothingIsAudited() throws Exception {
        Filed complaint = file("citizen@example.cn");

        var response = mvc.perform(post("/operator/complaints/{id}/contact", complaint.id()).header("HX-Request", "true")
                .with(csrf()).with(as(accounts, "auditor"))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).doesNotContain("citizen@");
        assertThat(queue(complaint, "auditor")).contains("c***@example.cn").doesNotContain("citizen@");
        assertThat(reveals(complaint)).isZero();
    }

    @Test
    void anUnknownComplaintAnswersNotFound() throws Exception {
        assertThat(mvc.perform(post("/operator/complaints/{id}/contact", 987_654_321L).header("HX-Request", "true")
                .with(csrf()).with(as(accounts, "operator"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void contactsAreMaskedWhateverTheirForm() {
        assertThat(ContactMask.mask("13912345678")).isEqualTo("139****5678");
        assertThat(ContactMask.mask("+86 139 1234 5678")).isEqualTo("861****5678");
        assertThat(ContactMask.mask("010-6552 8899")).isEqualTo("010****8899");
        assertThat(ContactMask.mask("QQ 123456789")).isEqualTo("QQ 12*****89");
        assertThat(ContactMask.mask("zhang.san@example.cn")).isEqualTo("z***@example.cn");
        assertThat(ContactMask.mask("wx_zhangsan")).isEqualTo("w***n");
        assertThat(ContactMask.mask("李")).isEqualTo("***");
    }

    private Filed file(String contact) throws Exception {
        long code = ComplaintTestData.importFreshBlock(mvc, accounts);
        long number = code * 10_000 + 7;
        String ip = ComplaintTestData.freshIp();
        mvc.perform(post("/check/complaints").with(csrf()).param("number", Long.toString(number)).param("category", "OTHER")
                        .param("description", "骚扰电话").param("contact", contact).param("website", "")
                        .with(request -> {
                            request.setRemoteAddr(ip);
                            return request;
                        }))
                .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("SELECT id FROM complaint WHERE number = ?").param(number).query(Long.class).single();
        return new Filed(id, number);
    }

    private String queue(Filed complaint, String username) throws Exception {
        return mvc.perform(get("/operator/complaints").param("number", Long.toString(complaint.number()))
                .with(as(accounts, username))).andReturn().getResponse().getContentAsString();
    }

    private long reveals(Filed complaint) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'COMPLAINT_CONTACT_REVEALED' AND target_id = ?")
                .param(Long.toString(complaint.id())).query(Long.class).single();
    }
}
