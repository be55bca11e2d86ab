package cn.np700.portal.notifications;

import cn.np700.portal.scope.TenantId;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.RecordedStatements;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Each occurrence makes one notification, delivered to the users it concerns and to nobody else. */
@PortalIntegrationTest
class NotificationTests {

    @Autowired
    TestNumbers numbers;
    @Autowired
    TestTenants tenants;
    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    QuotaWatch quotaWatch;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestQuotaEvents quotaEvents;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSuspensionAndItsLiftReachTheHoldersAdminsAndAgentsOncePerOccurrenceAndNoOtherTenant() throws Exception {
        TestNumbers.Holding holder = numbers.holding(1);
        String agent = "agent-" + TestTenants.unique();
        long agentId = tenants.user(holder.tenantId(), agent, "Agent-pass-2026!", Role.ENTERPRISE_AGENT);
        TestNumbers.Holding other = numbers.holding(1);
        UsageNumber number = holder.number(42);
        String link = "/numbers?q=" + number.digits();

        suspensions.suspendNumber(number, "用户投诉营销来电");

        assertThat(inbox(holder.admin().userId(), "NUMBER_SUSPENDED", link)).isEqualTo(1);
        assertThat(inbox(agentId, "NUMBER_SUSPENDED", link)).isEqualTo(1);
        assertThat(inbox(other.admin().userId(), "NUMBER_SUSPENDED", link)).isZero();
        assertThat(delivered("NUMBER_SUSPENDED", link)).as("nobody outside the holder").isEqualTo(2);
        assertThat(unreadCount(holder.admin().username())).isEqualTo(unread(holder.admin().userId()));

        suspensions.restoreNumber(number, "投诉不成立");
        suspensions.suspendNumber(number, "再次投诉");

        assertThat(inbox(holder.admin().userId(), "NUMBER_LIFTED", link)).isEqualTo(1);
        assertThat(inbox(holder.admin().userId(), "NUMBER_SUSPENDED", link)).as("a second suspension is news").isEqualTo(2);
        assertThat(inbox(other.admin().userId(), "NUMBER_LIFTED", link)).isZero();

        String centre = body(get("/notifications").with(as(accounts, holder.admin().username())));
        assertThat(centre).contains("号码 " + number.display() + " 已被平台暂停：再次投诉", "用户投诉营销来电");
        String english = body(get("/notifications").param("lang", "en").with(as(accounts, holder.admin().username())));
        assertThat(english).contains("The platform suspended number " + number.display() + ": 再次投诉");
    }

    @Test
    void aRequestReachesTheActingOperatorsAndItsDecisionOnlyTheAskingTenantsAdmins() {
        TestNumbers.Holding holding = numbers.holding(1);
        String operatorLink = "/operator/requests/" + holding.requestId();
        String tenantLink = "/numbers/requests/" + holding.requestId();

        assertThat(inbox(userId("operator"), "REQUEST_SUBMITTED", operatorLink)).isEqualTo(1);
        assertThat(inbox(userId("reviewer"), "REQUEST_SUBMITTED", operatorLink)).isEqualTo(1);
        assertThat(inbox(userId("auditor"), "REQUEST_SUBMITTED", operatorLink)).as("auditors only read").isZero();
        assertThat(inbox(holding.admin().userId(), "REQUEST_APPROVED", tenantLink)).isEqualTo(1);
        assertThat(delivered("REQUEST_APPROVED", tenantLink)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_inbox i JOIN notification n ON n.id = i.notification_id "
                        + "WHERE n.link = ? AND i.tenant_id IS NOT NULL").param(operatorLink).query(Long.class).single())
                .as("no enterprise user hears of requests").isZero();
    }

    @Test
    void aRejectionReachesOnlyTheAskingAdminsAndAComplaintTheOperatorsAndTheHolder() throws Exception {
        TestNumbers.Holding holder = numbers.holding(1);
        TestNumbers.Holding other = numbers.holding(1);
        mvc.perform(post("/numbers/requests").with(csrf()).with(as(accounts, holder.admin().username()))
                        .param("blocks", "1").param("scenario", "FOOD_DELIVERY").param("expectedDailyBindings", "50000")
                        .param("justification", "外卖骑手与顾客之间的隐私通话，预计高峰期每日绑定量较大，需要号码资源。"))
                .andExpect(status().is3xxRedirection());
        long requestId = jdbc.sql("SELECT MAX(id) FROM number_request WHERE tenant_id = ?").param(holder.tenantId())
                .query(Long.class).single();
        mvc.perform(post("/operator/requests/" + requestId + "/reject").with(csrf()).with(as(accounts, "reviewer"))
                .param("reason", "材料不全")).andExpect(status().is3xxRedirection());

        String decided = "/numbers/requests/" + requestId;
        assertThat(inbox(holder.admin().userId(), "REQUEST_REJECTED", decided)).isEqualTo(1);
        assertThat(delivered("REQUEST_REJECTED", decided)).isEqualTo(1);

        UsageNumber x = holder.number(77);
        mvc.perform(post("/check/complaints").with(csrf()).param("number", x.digits()).param("category", "MARKETING")
                        .param("description", "推销电话").param("contact", "").param("website", "")
                        .with(request -> {
                            request.setRemoteAddr("10.252." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
                            return request;
                        }))
                .andExpect(status().is3xxRedirection());

        String operatorLink = "/operator/numbers/" + x.digits();
        assertThat(inbox(userId("operator"), "COMPLAINT", operatorLink)).isEqualTo(1);
        assertThat(inbox(userId("auditor"), "COMPLAINT", operatorLink)).isZero();
        long tenantSide = jdbc.sql("SELECT COUNT(*) FROM notification_inbox i JOIN notification n ON n.id = i.notification_id "
                        + "WHERE n.kind = 'COMPLAINT' AND n.args LIKE ? AND i.tenant_id IS NOT NULL")
                .param("%" + x.display() + "%").query(Long.class).single();
        assertThat(tenantSide).as("the holder's one admin, nobody else's").isEqualTo(1);
        assertThat(inbox(holder.admin().userId(), "COMPLAINT", "/complaints")).isPositive();
        assertThat(inbox(other.admin().userId(), "COMPLAINT", "/complaints")).isZero();
    }

    @Test
    void anOccurrenceSeenTwiceIsStoredOnceAndAlertsReachOperatorsAndTheConcernedTenant() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        TestNumbers.Holding other = numbers.holding(1);
        long alertId = 900_000_000L + Math.abs(System.nanoTime() % 99_999_999L);
        AuditableEvent raised = new Raised(Long.toString(alertId), TenantId.of(holding.tenantId()));

        tx.executeWithoutResult(s -> events.publishEvent(raised));
        tx.executeWithoutResult(s -> events.publishEvent(raised));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE occurrence_key LIKE ?")
                .param("RISK_ALERT:" + alertId + ":%").query(Long.class).single()).isEqualTo(2);
        assertThat(inbox(userId("operator"), "RISK_ALERT", "/operator/risk/alerts/" + alertId)).isEqualTo(1);
        assertThat(inbox(holding.admin().userId(), "RISK_ALERT", "/risk/alerts/" + alertId)).isEqualTo(1);
        assertThat(inbox(other.admin().userId(), "RISK_ALERT", "/risk/alerts/" + alertId)).isZero();
        assertThat(body(get("/notifications").param("lang", "en").with(as(accounts, holding.admin().username()))))
                .contains("Risk alert " + alertId + " (rule ").doesNotContain("LOW_ANSWER", "msg:");
    }

    @Test
    void quotaWarningsComeOnceAtEightyAndOnceAtAHundredPercent() throws Exception {
        TestNumbers.Holding holding = numbers.holding(4);
        long admin = holding.admin().userId();
        setMaxBlocks(holding.tenantId(), 5);

        quotaWatch.watch();
        quotaWatch.watch();

        assertThat(inbox(admin, "QUOTA_80", "/numbers")).isEqualTo(1);
        assertThat(inbox(admin, "QUOTA_100", "/numbers")).isZero();

        setMaxBlocks(holding.tenantId(), 4);
        quotaWatch.watch();
        quotaWatch.watch();

        assertThat(inbox(admin, "QUOTA_100", "/numbers")).isEqualTo(1);
        assertThat(inbox(admin, "QUOTA_80", "/numbers")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE tenant_id = ? AND kind LIKE 'QUOTA%'")
                .param(holding.tenantId()).query(Long.class).single()).isEqualTo(2);
        assertThat(body(get("/notifications").with(as(accounts, holding.admin().username()))))
                .contains("配额“持有号段数”已用 100%（4 / 4）");
    }

    @Test
    void theBindingThatCrossesEightyPercentIsToldWithinSecondsOnceAsItsEvent() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long admin = userId(tenant.admin());
        onlyLiveBindingsLimited(tenant, 5);
        List<QuotaThresholdReached> heard = quotaEvents.heard(TenantId.of(tenant.tenantId()));
        for (int i = 0; i < 3; i++) {
            bind(tenant);
        }
        bind(tenant); // 4 of 5: 80 %

        // no full pass runs in tests (portal.notifications.quota-watch is a day): the prompt check tells it
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(admin, "QUOTA_80", "/numbers") == 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
        assertThat(heard.get(0).percent()).isEqualTo(80);
        assertThat(heard.get(0).measure()).isEqualTo("LIVE_BINDINGS");

        // checked again and again (another node's check, the full pass): still one notification and one event
        quotaWatch.watch();
        bind(tenant); // 5 of 5: 100 %
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(admin, "QUOTA_100", "/numbers") == 1);
        quotaWatch.watch();
        assertThat(inbox(admin, "QUOTA_80", "/numbers")).isEqualTo(1);
        assertThat(inbox(admin, "QUOTA_100", "/numbers")).isEqualTo(1);
        assertThat(heard).extracting(QuotaThresholdReached::percent).containsExactly(80, 100);
    }

    /**
     * A tenant that stays above 80 % is checked on every pass (every 2 s on each node that noted a change of it): once
     * its occurrence is stored the node remembers it, and the checks after it read the figures and insert nothing.
     */
    @Test
    void aTenantAboveEightyPercentIsToldOnceAndThenCheckedWithoutAnyInsert() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long admin = userId(tenant.admin());
        onlyLiveBindingsLimited(tenant, 10);
        List<QuotaThresholdReached> heard = quotaEvents.heard(TenantId.of(tenant.tenantId()));
        for (int i = 0; i < 8; i++) {
            bind(tenant); // 8 of 10: 80 %
        }
        quotaWatch.watch();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);

        bind(tenant); // 9 of 10: still the 80 % of this month
        List<RecordedStatements.Recorded> again = statementsOf(quotaWatch::watch);
        assertThat(again).as("the pass read the figures").anyMatch(r -> r.caller().startsWith("BindingUsageFigures."));
        assertThat(again).as("and tried no insert").noneMatch(r -> r.sql().strip().toUpperCase().startsWith("INSERT"));

        bind(tenant); // 10 of 10: the 100 % is new, tried and stored once
        quotaWatch.watch();
        assertThat(statementsOf(quotaWatch::watch)).noneMatch(r -> r.sql().strip().toUpperCase().startsWith("INSERT"));
        assertThat(heard).extracting(QuotaThresholdReached::percent).containsExactly(80, 100);
        assertThat(inbox(admin, "QUOTA_80", "/numbers")).isEqualTo(1);
        assertThat(inbox(admin, "QUOTA_100", "/numbers")).isEqualTo(1);
    }

    /** Only the live bindings' quota can come near its limit. */
    private void onlyLiveBindingsLimited(TestBindings.Ready tenant, int maxLive) {
        jdbc.sql("UPDATE tenant_quota SET max_active_bindings = ?, max_new_bindings_per_day = 1000, max_blocks = 1000 "
                + "WHERE tenant_id = ?").params(maxLive, tenant.tenantId()).update();
    }

    private static List<RecordedStatements.Recorded> statementsOf(Runnable work) {
        try (RecordedStatements.Recording recording = RecordedStatements.start()) {
            work.run();
            return recording.statements();
        }
    }

    private void bind(TestBindings.Ready tenant) throws Exception {
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"AXB\",\"a\":\""
                                + bindings.verified(tenant.tenantId()) + "\",\"b\":\"" + bindings.verified(tenant.tenantId())
                                + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated());
    }

    @Test
    void anotherUsersNotificationIsNotFoundAndMarkingReadCountsDown() throws Exception {
        TestNumbers.Holding mine = numbers.holding(1);
        TestNumbers.Holding theirs = numbers.holding(1);
        suspensions.suspendNumber(mine.number(1), "核查");
        suspensions.suspendNumber(mine.number(2), "核查");
        long first = inboxIds(mine.admin().userId()).get(0);
        long before = unread(mine.admin().userId());
        assertThat(before).isGreaterThanOrEqualTo(3);

        mvc.perform(post("/notifications/" + first + "/read").with(csrf()).with(as(accounts, theirs.admin().username())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/notifications/" + first + "/read").with(csrf()).with(as(accounts, "operator")))
                .andExpect(status().isNotFound());
        assertThat(unread(mine.admin().userId())).isEqualTo(before);

        mvc.perform(post("/notifications/" + first + "/read").with(csrf()).with(as(accounts, mine.admin().username())))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/notifications/" + first + "/read").with(csrf()).with(as(accounts, mine.admin().username())))
                .andExpect(status().is3xxRedirection());
        assertThat(unread(mine.admin().userId())).isEqualTo(before - 1);
        assertThat(unreadCount(mine.admin().username())).isEqualTo(before - 1);
        mvc.perform(post("/notifications/" + first + "/read").with(as(accounts, mine.admin().username())))
                .andExpect(status().isForbidden());

        mvc.perform(post("/notifications/read-all").with(csrf()).with(as(accounts, mine.admin().username())))
                .andExpect(status().is3xxRedirection());
        assertThat(unread(mine.admin().userId())).isZero();
        assertThat(unreadCount(mine.admin().username())).isZero();
        assertThat(unread(theirs.admin().userId())).as("the other tenant's stay unread").isPositive();
    }

    private record Raised(String targetId, TenantId tenantId) implements AuditableEvent {

        @Override
        public String action() {
            return "RISK_ALERT_RAISED";
        }

        @Override
        public String targetType() {
            return "RISK_ALERT";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("rule", "LOW_ANSWER", "summary", "test");
        }
    }

    private void setMaxBlocks(long tenantId, int max) {
        jdbc.sql("UPDATE tenant_quota SET max_blocks = ? WHERE tenant_id = ?").params(max, tenantId).update();
    }

    private long userId(String username) {
        return accounts.find(username).orElseThrow().toCurrentUser().userId();
    }

    private long inbox(long userId, String kind, String link) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_inbox i JOIN notification n ON n.id = i.notification_id "
                + "WHERE i.user_id = ? AND n.kind = ? AND n.link = ?").params(userId, kind, link).query(Long.class).single();
    }

    private long delivered(String kind, String link) {
        return jdbc.sql("SELECT COUNT(DISTINCT i.user_id) FROM notification_inbox i JOIN notification n ON n.id = i.notification_id "
                + "WHERE n.kind = ? AND n.link = ?").params(kind, link).query(Long.class).single();
    }

    private long unread(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_inbox WHERE user_id = ? AND read_at IS NULL").param(userId)
                .query(Long.class).single();
    }

    private List<Long> inboxIds(long userId) {
        return jdbc.sql("SELECT id FROM notification_inbox WHERE user_id = ? ORDER BY id").param(userId).query(Long.class).list();
    }

    private long unreadCount(String username) throws Exception {
        String fragment = body(get("/notifications/unread-count").with(as(accounts, username)));
        assertThat(fragment).contains("hx-trigger=\"every 60s\"").doesNotContain("load");
        return Long.parseLong(fragment.replaceAll("(?s).*>(\\d+)</span>.*", "$1"));
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
