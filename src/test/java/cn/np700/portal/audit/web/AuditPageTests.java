package cn.np700.portal.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.audit.trail.AuditEntryRows;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/** The auditor's list: the actor and date filters narrow it on the server, and bad filter input is shown, not failed on. */
@PortalIntegrationTest
class AuditPageTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformCalendar calendar;

    record ActedEvent(String actorName, String targetId) implements AuditableEvent {
        public String action() {
            return "TEST_EVENT";
        }

        public String targetType() {
            return "TEST";
        }

        public TenantId tenantId() {
            return null;
        }

        public Map<String, Object> details() {
            return Map.of();
        }

        public Optional<AuditActor> actor() {
            return Optional.of(new AuditActor(actorName, null, null));
        }
    }

    @Test
    void aTenantsActionFilterOffersOnlyTheActionsOfItsOwnEntries() throws Exception {
        append("platform-" + TestTenants.unique());

        assertThat(page(list())).contains("<option value=\"TEST_EVENT\"");
        assertThat(page(get("/audit").with(TestLogins.as(accounts, "kuaida-admin"))))
                .as("an action only other tenants' or the platform's entries hold is not named to a tenant")
                .doesNotContain("<option value=\"TEST_EVENT\"");
    }

    /**
     * Whose entries the list shows comes from the signed-in user's scope: a principal that is no portal user (its
     * actor resolves to the system, which has no tenant) holds no scope and sees nothing, not every tenant's entries.
     */
    @Test
    void aPrincipalWhoseActorIsTheSystemNeverSeesEveryTenant() throws Exception {
        String target = append("platform-" + TestTenants.unique());
        assertThat(page(list())).as("the auditor, who holds the platform's scope, sees it").contains(target);

        MockHttpServletResponse response = mvc.perform(get("/audit")
                .with(user("no-portal-account").roles("ENTERPRISE_ADMIN"))).andReturn().getResponse();
        assertThat(response.getStatus()).as("no page without a scope").isNotEqualTo(200).isLessThan(500);
        assertThat(response.getContentAsString()).doesNotContain(target);
    }

    @Test
    void theActorFilterListsOnlyThatActorsEntries() throws Exception {
        String alice = "alice-" + TestTenants.unique();
        String bob = "bob-" + TestTenants.unique();
        String aliceTarget = append(alice);
        String bobTarget = append(bob);

        assertThat(page(list().param("actor", alice))).contains(aliceTarget).doesNotContain(bobTarget);
        assertThat(page(list().param("actor", "  " + bob + " "))).contains(bobTarget).doesNotContain(aliceTarget);
        assertThat(page(list().param("actor", "nobody-" + TestTenants.unique())))
                .doesNotContain(aliceTarget).doesNotContain(bobTarget).contains("没有符合条件的记录");
    }

    @Test
    void theDateFiltersKeepEntriesOfTheRangeAndDropOthers() throws Exception {
        String actor = "dates-" + TestTenants.unique();
        String target = append(actor);
        LocalDate day = dayOf(target);

        assertThat(page(list().param("from", day.toString()).param("to", day.toString()).param("size", "100")))
                .contains(target);
        assertThat(page(list().param("actor", actor).param("from", day.minusDays(1).toString())))
                .contains(target);
        assertThat(page(list().param("actor", actor).param("to", day.plusDays(1).toString())))
                .contains(target);
        assertThat(page(list().param("actor", actor).param("from", day.minusDays(7).toString())
                .param("to", day.minusDays(1).toString()))).doesNotContain(target);
        assertThat(page(list().param("actor", actor).param("to", day.minusDays(1).toString()))).doesNotContain(target);
        assertThat(page(list().param("actor", actor).param("from", day.plusDays(1).toString()))).doesNotContain(target);
    }

    @Test
    void badFilterInputIsKeptAndExplainedNextToItsFieldInBothLanguages() throws Exception {
        String actor = "typed-" + TestTenants.unique();
        String target = append(actor);
        MockHttpServletRequestBuilder bad = list().param("from", "2026-13-45").param("to", "2026-02-30")
                .param("tenantId", "abc").param("actor", actor);

        String zh = page(bad);
        assertThat(zh).containsPattern(nextTo("from", "2026-13-45", "from-problem", "日期应按“年-月-日”填写"))
                .containsPattern(nextTo("to", "2026-02-30", "to-problem", "日期应按“年-月-日”填写"))
                .containsPattern(Pattern.compile("<option value=\"abc\" selected[^>]*>abc</option>\\s*</select>\\s*"
                        + "<span class=\"field-error\" id=\"tenant-problem\"[^>]*>无法识别的企业"))
                .contains("value=\"" + actor + "\"")
                .doesNotContain("筛选条件格式不正确");
        // the filters that could be read still apply
        assertThat(zh).contains(target);

        String en = page(list().param("from", "2026-13-45").param("to", "2026-02-30").param("tenantId", "abc")
                .param("lang", "en"));
        assertThat(en).containsPattern(nextTo("from", "2026-13-45", "from-problem", "Enter the date as year-month-day"))
                .containsPattern(nextTo("to", "2026-02-30", "to-problem", "Enter the date as year-month-day"))
                .contains("Unknown enterprise");
    }

    @Test
    void aStartAfterTheEndIsExplainedNextToTheEndDate() throws Exception {
        String actor = "range-" + TestTenants.unique();
        String target = append(actor);
        LocalDate day = dayOf(target);
        String body = page(list().param("actor", actor).param("from", day.plusDays(1).toString())
                .param("to", day.toString()));
        assertThat(body).containsPattern(Pattern.compile("<input type=\"date\"[^>]*name=\"to\" value=\"" + day
                + "\"[^>]*>\\s*<span class=\"field-error\" id=\"to-problem\"[^>]*>起始日期晚于结束日期"))
                .doesNotContain("id=\"from-problem\"").doesNotContain(target);
    }

    @Test
    void htmxGetsTheFiltersAndResultsTogetherSoTheMessagesUpdate() throws Exception {
        String body = page(list().param("from", "not-a-date").header("HX-Request", "true"));
        assertThat(body).doesNotContain("<html").startsWith("<div id=\"audit-list\"")
                .containsPattern(nextTo("from", "not-a-date", "from-problem", "日期应按"))
                .contains("id=\"audit-table\"");
        String clean = page(list().header("HX-Request", "true"));
        assertThat(clean).doesNotContain("field-error").contains("type=\"date\"");
    }

    @Test
    void nothingTypedIntoTheFiltersAnswers500() throws Exception {
        String[][] inputs = {
                {"from", "+99999-01-01"}, {"to", "9999-12-31"}, {"from", "0001-01-01"}, {"to", "-5000-01-01"},
                {"from", "2026-1-5"}, {"from", "'; DROP TABLE audit_entry; --"}, {"tenantId", "-1"},
                {"tenantId", "99999999999999999999999"}, {"tenantId", "999999999"}, {"action", "<script>x</script>"},
                {"actor", "x".repeat(500)}, {"order", "sideways"}, {"page", "abc"}, {"size", "-5"},
        };
        for (String[] input : inputs) {
            int code = mvc.perform(list().param(input[0], input[1])).andReturn().getResponse().getStatus();
            assertThat(code).as("%s=%s", input[0], input[1]).isLessThan(500);
        }
        assertThat(page(list().param("from", "+99999-01-01"))).contains("id=\"from-problem\"");
        assertThat(page(list().param("tenantId", "-1"))).contains("id=\"tenant-problem\"");
        assertThat(page(list().param("action", "<script>x</script>"))).doesNotContain("<script>x</script>");
    }

    private Pattern nextTo(String field, String typed, String problemId, String message) {
        return Pattern.compile("<input [^>]*name=\"" + field + "\" value=\"" + Pattern.quote(typed)
                + "\"[^>]*class=\"invalid\"[^>]*>\\s*<span class=\"field-error\" id=\"" + problemId + "\"[^>]*>"
                + Pattern.quote(message));
    }

    private MockHttpServletRequestBuilder list() {
        return get("/audit").with(TestLogins.as(accounts, "auditor"));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Appends an entry by the given actor and returns its target id, which only this entry shows. */
    private String append(String actor) {
        String target = "t-" + TestTenants.unique();
        tx.executeWithoutResult(s -> events.publishEvent(new ActedEvent(actor, target)));
        return target;
    }

    private LocalDate dayOf(String target) {
        return jdbc.sql(AuditEntryRows.SELECT + " WHERE target_id = ?").param(target).query(new AuditEntryRows()).single()
                .occurredAt().atZone(calendar.zone()).toLocalDate();
    }
}
