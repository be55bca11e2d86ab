package cn.np700.portal.compliance;

import cn.np700.portal.compliance.complaints.ComplaintForm;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.risk.TestRiskAlerts;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A citizen's complaint from the public form to the operators' queue, the tenant's view and the audit trail. */
@PortalIntegrationTest
class ComplaintFlowTests {

    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    Complaints complaints;
    @Autowired
    TestRiskAlerts riskAlerts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private MockHttpServletRequestBuilder complaint(String number, String category, String description, String contact,
            String ip) {
        return post("/check/complaints").with(csrf()).param("number", number).param("category", category)
                .param("description", description).param("contact", contact).param("website", "")
                .with(request -> {
                    request.setRemoteAddr(ip);
                    return request;
                });
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder handle(long id, String note, long number) {
        return post("/operator/complaints/" + id + "/handled").with(csrf()).with(as(accounts, "reviewer"))
                .param("note", note).param("number", Long.toString(number)).param("status", "").param("page", "1");
    }

    /** The session (Spring Session keeps it in the database) that carries a redirect's flash attributes. */
    private static Cookie sessionOf(MvcResult result) {
        Cookie session = result.getResponse().getCookie("SESSION");
        assertThat(session).as("session cookie").isNotNull();
        return session;
    }

    private long stored(long number) {
        return jdbc.sql("SELECT COUNT(*) FROM complaint WHERE number = ?").param(number).query(Long.class).single();
    }

    private long audits(String action, String targetId, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ? AND actor = ?")
                .params(action, targetId, actor).query(Long.class).single();
    }

    @Test
    void aComplaintReachesTheOperatorsAndTheTenantAndIsHandledOnTheAuditTrail() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(7);
        String contact = "citizen-" + TestTenants.unique() + "@example.cn " + SCRIPT;
        String ip = ComplaintTestData.freshIp();

        MvcResult filed = mvc.perform(complaint(UsageNumber.display(x), "FRAUD", "冒充客服 " + SCRIPT, contact, ip))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/check")).andReturn();
        String reference = (String) filed.getFlashMap().get("reference");
        assertThat(reference).matches("TS-\\d{8}-[0-9A-Z]{6}");
        assertThat(body(get("/check").cookie(sessionOf(filed)))).contains("id=\"complaint-reference\"", reference);
        assertThat(jdbc.sql("SELECT CONCAT(tenant_id, ' ', category, ' ', status, ' ', client_ip) FROM complaint "
                + "WHERE reference = ?").param(reference).query(String.class).single())
                .isEqualTo(tenant.tenantId() + " FRAUD OPEN " + ip);
        long id = jdbc.sql("SELECT id FROM complaint WHERE reference = ?").param(reference).query(Long.class).single();
        assertThat(audits("COMPLAINT_RECEIVED", Long.toString(id), "anonymous")).isEqualTo(1);
        assertThat(complaints.countFor(x, clock.instant().minus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(complaints.countFor(x, clock.instant().plus(Duration.ofSeconds(1)))).isZero();

        String queue = body(get("/operator/complaints").param("number", Long.toString(x)).with(as(accounts, "reviewer")));
        // the citizen's contact is masked until someone handling the complaint asks for it (issue 23)
        assertThat(queue).contains(reference, "冒充客服 " + ESCAPED, "c***@example.cn", "id=\"handle-" + id + "\"")
                .doesNotContain(SCRIPT, "citizen-");
        assertThat(body(get("/operator/complaints").param("number", Long.toString(x)).with(as(accounts, "auditor"))))
                .contains(reference).doesNotContain("id=\"handle-" + id + "\"");

        String mine = body(get("/complaints").with(as(accounts, tenant.admin())));
        assertThat(mine).contains(reference, "冒充客服 " + ESCAPED).doesNotContain(SCRIPT, "citizen-", ip);
        TestBindings.Ready other = bindings.tenant();
        assertThat(body(get("/complaints").with(as(accounts, other.admin())))).doesNotContain(reference);

        String back = "/operator/complaints?number=" + x + "&page=1";
        MvcResult blank = mvc.perform(handle(id, "  ", x)).andExpect(redirectedUrl(back + "#complaint-" + id)).andReturn();
        assertThat(body(get(back).with(as(accounts, "reviewer")).cookie(sessionOf(blank))))
                .contains("id=\"note-problem-" + id + "\"", "请填写处理说明");
        MvcResult tooLong = mvc.perform(handle(id, "kept " + SCRIPT + "x".repeat(1_000), x))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(body(get(back).with(as(accounts, "reviewer")).cookie(sessionOf(tooLong))))
                .contains("id=\"note-problem-" + id + "\"", "处理说明不能超过 1000 字", "kept " + ESCAPED)
                .doesNotContain(SCRIPT);
        assertThat(jdbc.sql("SELECT status FROM complaint WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("OPEN");

        mvc.perform(handle(id, "已联系企业整改 " + SCRIPT, x)).andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", "complaint.handled.done"));
        mvc.perform(handle(id, "again", x)).andExpect(flash().attribute("notice", "complaint.handled.already"));
        assertThat(jdbc.sql("SELECT CONCAT(status, ' ', handled_by) FROM complaint WHERE id = ?").param(id)
                .query(String.class).single()).isEqualTo("HANDLED reviewer");
        assertThat(audits("COMPLAINT_HANDLED", Long.toString(id), "reviewer")).isEqualTo(1);
        assertThat(body(get("/operator/complaints").param("status", "HANDLED").param("number", Long.toString(x))
                .with(as(accounts, "operator")))).contains(reference, "已联系企业整改 " + ESCAPED)
                .doesNotContain(SCRIPT, "id=\"handle-" + id + "\"");
        assertThat(body(get("/operator/complaints").param("status", "OPEN").param("number", Long.toString(x))
                .with(as(accounts, "operator")))).doesNotContain(reference);
    }

    @Test
    void theQueueFiltersAndPagesNewestFirst() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(3);
        String ip = ComplaintTestData.freshIp();
        for (int i = 0; i < 3; i++) {
            mvc.perform(complaint(Long.toString(x), i == 2 ? "MARKETING" : "HARASSMENT", "第 " + i + " 次", "", ip))
                    .andExpect(status().is3xxRedirection());
        }
        String all = body(get("/operator/complaints").param("number", Long.toString(x)).with(as(accounts, "operator")));
        assertThat(all.indexOf("第 2 次")).isLessThan(all.indexOf("第 1 次")).isPositive();
        assertThat(all.indexOf("第 1 次")).isLessThan(all.indexOf("第 0 次"));
        assertThat(body(get("/operator/complaints").param("number", Long.toString(x)).param("category", "MARKETING")
                .with(as(accounts, "operator")))).contains("第 2 次").doesNotContain("第 1 次", "第 0 次");
        assertThat(body(get("/operator/complaints").param("number", "70x").with(as(accounts, "operator"))))
                .contains("id=\"filter-number-problem\"", "value=\"70x\"");
    }

    @Test
    void theHoneypotAnswersLikeSuccessButStoresNothing() throws Exception {
        long x = bindings.tenant().x(1);

        MvcResult trapped = mvc.perform(complaint(Long.toString(x), "OTHER", "buy now", "", ComplaintTestData.freshIp())
                        .param("website", "http://spam.example"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/check")).andReturn();

        assertThat((String) trapped.getFlashMap().get("reference")).matches("TS-\\d{8}-[0-9A-Z]{6}");
        assertThat(stored(x)).isZero();
    }

    @Test
    void badComplaintsAreExplainedNextToTheFieldsKeepWhatWasTypedAndStoreNothing() throws Exception {
        long x = bindings.tenant().x(2);
        String ip = ComplaintTestData.freshIp();
        String tooLong = "长".repeat(ComplaintForm.DESCRIPTION_MAX + 1);

        String html = body(complaint(Long.toString(x), "FRAUD", tooLong, "c".repeat(101), ip));
        assertThat(html).contains("id=\"complaint-description-problem\"", "情况描述不能超过 1,000 字", tooLong,
                "id=\"complaint-contact-problem\"").doesNotContain("id=\"complaint-number-problem\"");
        assertThat(stored(x)).isZero();

        assertThat(body(complaint(Long.toString(x), "NONSENSE", "   ", "", ip)))
                .contains("id=\"complaint-category-problem\"", "id=\"complaint-description-problem\"");
        assertThat(body(complaint("700 7999 9999 0001", "FRAUD", "text", "", ip)))
                .contains("id=\"complaint-number-problem\"", "不属于本平台", "value=\"700 7999 9999 0001\"");
        assertThat(body(complaint("12ab", "FRAUD", SCRIPT, SCRIPT, ip)))
                .contains("号码只能包含数字", ESCAPED).doesNotContain(SCRIPT);
        assertThat(stored(x)).isZero();

        mvc.perform(complaint(Long.toString(x), "FRAUD", "长".repeat(ComplaintForm.DESCRIPTION_MAX), "", ip))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(x)).isEqualTo(1);
    }

    @Test
    void aComplaintAboutANumberNobodyHoldsIsKeptForTheOperatorsAlone() throws Exception {
        long code = ComplaintTestData.importFreshBlock(mvc, accounts);
        long x = code * 10_000 + 5;

        mvc.perform(complaint(Long.toString(x), "OTHER", "未分配号码来电", "", ComplaintTestData.freshIp()))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM complaint WHERE number = ? AND tenant_id IS NULL").param(x)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(body(get("/operator/complaints").param("number", Long.toString(x)).with(as(accounts, "operator"))))
                .contains("未分配号码来电");
    }

    @Test
    void anEnterpriseAdminsDashboardSaysHowManyComplaintsAndAlertsAreOpenAboutItsOwnNumbersOnly() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        assertThat(body(get("/").with(as(accounts, tenant.admin())))).contains("没有关于贵企业号码的待处理投诉")
                .contains("没有关于贵企业的未处理风险告警");
        for (int i = 0; i < 2; i++) {
            mvc.perform(complaint(Long.toString(tenant.firstX()), "MARKETING", "推销 " + i, "", "203.0.113." + (60 + i)))
                    .andExpect(status().is3xxRedirection());
        }
        riskAlerts.lowAnswerRate(tenant.tenantId(), tenant.firstX());
        String mine = body(get("/").with(as(accounts, tenant.admin())));
        assertThat(mine).contains("关于贵企业号码的 2 件投诉待平台处理").contains("关于贵企业的 1 条风险告警未处理")
                .contains("href=\"/complaints\"").contains("href=\"/risk/alerts\"");
        assertThat(body(get("/").with(as(accounts, other.admin())))).contains("没有关于贵企业号码的待处理投诉")
                .contains("没有关于贵企业的未处理风险告警");
        assertThat(body(get("/").with(as(accounts, "reviewer")))).contains("id=\"open-complaints\"")
                .contains("id=\"open-alerts\"");
    }

    @Test
    void theNavigationLeadsEachRoleToItsComplaints() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        assertThat(body(get("/").with(as(accounts, "auditor")))).contains("id=\"nav-complaints\"")
                .doesNotContain("id=\"nav-my-complaints\"");
        assertThat(body(get("/").with(as(accounts, tenant.admin())))).contains("id=\"nav-my-complaints\"")
                .doesNotContain("id=\"nav-complaints\"");
        assertThat(body(get("/").with(as(accounts, "kuaida-agent")))).doesNotContain("complaints\"");
    }
}
