package cn.np700.portal.risk;

import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.checks.ComplaintCheck;
import cn.np700.portal.risk.checks.RiskSweep;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Each rule fires on data built to trip it, stays silent on the demo tenant, and suspensions reach routing. */
@PortalIntegrationTest
class RiskRuleTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RiskSweep sweep;
    @Autowired
    ComplaintCheck complaintCheck;
    @Autowired
    RiskRules rules;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    PlatformCalendar calendar;

    String carrier;

    @BeforeEach
    void carrier() {
        carrier = carriers.create("");
    }

    record Bound(TestBindings.Ready tenant, String a, String b, long x, long bindingId) {
    }

    private Bound bind() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        return new Bound(tenant, a, b, x, id);
    }

    private ResultActions route(String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"r-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}"));
    }

    private LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    private void daily(long tenantId, long x, int calls, int answered, int shortCalls) {
        jdbc.sql("INSERT INTO call_daily (tenant_id, day, x, calls, answered, short_calls, duration_total, sms) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
                .params(tenantId, Date.valueOf(today()), x, calls, answered, shortCalls, calls * 5L).update();
    }

    private List<RiskAlert> alertsOn(String subject) {
        return jdbc.sql("SELECT id FROM risk_alert WHERE subject = ?").param(subject).query(Long.class).list().stream()
                .map(id -> alerts.find(id).orElseThrow()).toList();
    }

    @Autowired
    RiskAlerts alerts;

    private long audits(String action, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?").params(action, targetId)
                .query(Long.class).single();
    }

    @Test
    void shortCallsSuspendTheNumberAtOnceAndRoutingRejectsIt() throws Exception {
        Bound bound = bind();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));
        daily(bound.tenant().tenantId(), bound.x(), 60, 58, 50);

        sweep.sweep();

        List<RiskAlert> raised = alertsOn("x:" + bound.x());
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.SHORT_CALLS);
            assertThat(alert.tenantId()).isEqualTo(TenantId.of(bound.tenant().tenantId()));
            assertThat(alert.action()).isEqualTo("NUMBER_SUSPENDED");
            assertThat(alert.evidence()).contains("\"shortCalls\":50").doesNotContain(bound.a());
        });
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value("NUMBER_SUSPENDED"));
        assertThat(audits("NUMBER_SUSPENDED", Long.toString(bound.x()))).isEqualTo(1);
        assertThat(audits("RISK_ALERT_RAISED", Long.toString(raised.get(0).id()))).isEqualTo(1);

        sweep.sweep();
        assertThat(alertsOn("x:" + bound.x())).hasSize(1);

        assertThat(alerts.lift(raised.get(0).id(), "checked with the enterprise", "operator")).isTrue();
        assertThat(audits("NUMBER_UNSUSPENDED", Long.toString(bound.x()))).isEqualTo(1);
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));
    }

    @Test
    void fewAnsweredCallsRaiseAnAlertWithoutSuspending() throws Exception {
        Bound bound = bind();
        daily(bound.tenant().tenantId(), bound.x(), 60, 5, 0);
        Bound ordinary = bind();
        daily(ordinary.tenant().tenantId(), ordinary.x(), 60, 50, 5);

        sweep.sweep();

        assertThat(alertsOn("x:" + bound.x())).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.LOW_ANSWER);
            assertThat(alert.action()).isNull();
            assertThat(alert.status()).isEqualTo("OPEN");
        });
        assertThat(alertsOn("x:" + ordinary.x())).isEmpty();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));
    }

    @Test
    void oneCallerReachingManyPartiesIsFlaggedAndAnOperatorSuspendsItsBinding() throws Exception {
        Bound bound = bind();
        byte[] aHash = jdbc.sql("SELECT a_hash FROM binding WHERE id = ?").param(bound.bindingId()).query(byte[].class).single();
        Instant start = clock.instant().minusSeconds(60);
        for (int i = 0; i < 31; i++) {
            byte[] callee = new byte[32];
            callee[0] = (byte) i;
            callee[31] = (byte) (bound.bindingId() % 127);
            jdbc.sql("""
                    INSERT INTO call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash, caller_masked,
                        callee_hash, callee_masked, call_type, direction, start_time, duration_seconds, result, received_at, ingest_id)
                    VALUES (?, ?, ?, 'MATCHED', ?, ?, ?, '139****0001', ?, '138****0002', 'VOICE', 'A_TO_B', ?, 30, 'ANSWERED', ?, 0)""")
                    .params("reach-" + bound.bindingId() + "-" + i, bound.tenant().tenantId(), bound.bindingId(), bound.x(),
                            new byte[] {1}, aHash, callee, Timestamp.from(start), Timestamp.from(start))
                    .update();
        }

        sweep.sweep();

        String subject = "a:" + java.util.HexFormat.of().formatHex(aHash);
        RiskAlert alert = alertsOn(subject).get(0);
        assertThat(alert.rule()).isEqualTo(RiskRuleCode.MARKETING_REACH);
        assertThat(alert.evidence()).contains("\"distinctParties\":31").doesNotContain(bound.a());
        mvc.perform(get("/operator/risk/alerts/" + alert.id()).with(as(accounts, "operator")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("139****0001")));

        mvc.perform(post("/operator/risk/alerts/" + alert.id() + "/suspend").param("target", "BINDING").param("suspendReason", "confirmed with the evidence")
                .param("confirm", "true")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(alerts.find(alert.id()).orElseThrow().action()).isEqualTo("BINDING_SUSPENDED");
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));
        assertThat(audits("BINDING_SUSPENDED", Long.toString(bound.bindingId()))).isEqualTo(1);
    }

    private byte[] aHash(Bound bound) {
        return jdbc.sql("SELECT a_hash FROM binding WHERE id = ?").param(bound.bindingId()).query(byte[].class).single();
    }

    /** {@code count} calls from the binding's A, each {@code seconds} long and answered or not. */
    private void callsFromA(Bound bound, String tag, int count, int seconds, boolean answered) {
        Instant start = clock.instant().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            byte[] callee = new byte[32];
            callee[0] = (byte) (i % 3);
            jdbc.sql("""
                    INSERT INTO call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash, caller_masked,
                        callee_hash, callee_masked, call_type, direction, start_time, duration_seconds, result, received_at, ingest_id)
                    VALUES (?, ?, ?, 'MATCHED', ?, ?, ?, '137****0007', ?, '138****0002', 'VOICE', 'A_TO_B', ?, ?, ?, ?, 0)""")
                    .params(tag + "-" + bound.bindingId() + "-" + i, bound.tenant().tenantId(), bound.bindingId(), bound.x(),
                            new byte[] {1}, aHash(bound), callee, Timestamp.from(start), seconds,
                            answered ? "ANSWERED" : "NO_ANSWER", Timestamp.from(start))
                    .update();
        }
    }

    @Test
    void oneCallerMakingMostlyShortCallsIsFlaggedAndItsBindingsSuspendedAtOnce() throws Exception {
        Bound bound = bind();
        String subject = "a:" + java.util.HexFormat.of().formatHex(aHash(bound));
        callsFromA(bound, "short", 40, 3, true);
        callsFromA(bound, "long", 15, 60, true);
        Bound quiet = bind();
        callsFromA(quiet, "few", 49, 3, true);
        Bound even = bind();
        callsFromA(even, "even-short", 35, 3, true);
        callsFromA(even, "even-long", 15, 60, true);

        sweep.sweep();

        assertThat(alertsOn(subject)).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.SHORT_CALLS);
            assertThat(alert.tenantId()).isEqualTo(TenantId.of(bound.tenant().tenantId()));
            assertThat(alert.evidence()).contains("\"caller\":\"137****0007\"").contains("\"calls\":55")
                    .contains("\"shortCalls\":40").doesNotContain(bound.a());
            assertThat(alert.action()).isEqualTo("BINDING_SUSPENDED");
        });
        // no roll-up row was written, so the per-X rule saw nothing: the hit is the caller's
        assertThat(alertsOn("x:" + bound.x())).isEmpty();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));
        // 49 calls are below the minimum; 35 short of 50 is exactly 70 %, not above it
        assertThat(alertsOn("a:" + java.util.HexFormat.of().formatHex(aHash(quiet)))).isEmpty();
        assertThat(alertsOn("a:" + java.util.HexFormat.of().formatHex(aHash(even)))).isEmpty();
    }

    @Test
    void oneCallerWithFewAnsweredCallsIsFlaggedWithoutSuspending() throws Exception {
        Bound bound = bind();
        callsFromA(bound, "unanswered", 45, 30, false);
        callsFromA(bound, "answered", 9, 30, true);
        Bound ordinary = bind();
        callsFromA(ordinary, "unanswered", 40, 30, false);
        callsFromA(ordinary, "answered", 10, 30, true);

        sweep.sweep();

        assertThat(alertsOn("a:" + java.util.HexFormat.of().formatHex(aHash(bound)))).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.LOW_ANSWER);
            assertThat(alert.evidence()).contains("\"answered\":9").contains("\"calls\":54").doesNotContain(bound.a());
            assertThat(alert.action()).isNull();
            assertThat(alert.status()).isEqualTo("OPEN");
        });
        // 10 of 50 is exactly 20 %, not fewer
        assertThat(alertsOn("a:" + java.util.HexFormat.of().formatHex(aHash(ordinary)))).isEmpty();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));
    }

    @Test
    void theSweepRaisesComplaintsStoredWithoutTheirEvent() {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(8);
        long fewer = tenant.x(9);
        for (int i = 0; i < 3; i++) {
            complaint(x, tenant.tenantId());
        }
        complaint(fewer, tenant.tenantId());
        complaint(fewer, tenant.tenantId());
        assertThat(alertsOn("x:" + x)).isEmpty();

        sweep.sweep();
        sweep.sweep();

        assertThat(alertsOn("x:" + x)).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.COMPLAINTS);
            assertThat(alert.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
            assertThat(alert.evidence()).contains("\"complaints\":3");
        });
        assertThat(alertsOn("x:" + fewer)).isEmpty();
    }

    private void complaint(long x, long tenantId) {
        jdbc.sql("INSERT INTO complaint (reference, number, tenant_id, category, description, created_at, status) "
                        + "VALUES (?, ?, ?, 'MARKETING', 'ads', ?, 'OPEN')")
                .params("RS" + (System.nanoTime() % 1_000_000_000_000L), x, tenantId, Timestamp.from(clock.instant()))
                .update();
    }

    @Test
    void bindingsAboveTheDeclaredVolumeAreFlagged() throws Exception {
        Bound bound = bind();
        jdbc.sql("UPDATE tenant SET daily_order_volume = 1 WHERE id = ?").param(bound.tenant().tenantId()).update();
        String c = bindings.verified(bound.tenant().tenantId());
        String d = bindings.verified(bound.tenant().tenantId());
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + bound.tenant().key())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"AXB\",\"a\":\"" + c + "\",\"b\":\"" + d + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated());

        sweep.sweep();

        assertThat(alertsOn("tenant:" + bound.tenant().tenantId())).singleElement()
                .satisfies(alert -> assertThat(alert.rule()).isEqualTo(RiskRuleCode.BINDING_SURGE));
    }

    @Test
    void blocksHeldLongAndHardlyUsedAreFlaggedOnce() {
        TestBindings.Ready tenant = bindings.tenant();
        long block = tenant.firstX() / 10_000;
        jdbc.sql("UPDATE number_block SET allocated_at = ? WHERE code = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(86_400L * 40)), block).update();

        sweep.sweep();
        sweep.sweep();

        assertThat(alertsOn("block:" + block)).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(RiskRuleCode.HOARDING);
            assertThat(alert.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        });
    }

    @Test
    void threeComplaintsOnOneNumberRaiseAnAlert() {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(7);
        RiskRule rule = rules.get(RiskRuleCode.COMPLAINTS);
        for (int i = 0; i < 3; i++) {
            assertThat(alertsOn("x:" + x)).isEmpty();
            jdbc.sql("INSERT INTO complaint (reference, number, tenant_id, category, description, created_at, status) "
                            + "VALUES (?, ?, ?, 'MARKETING', 'ads', ?, 'OPEN')")
                    .params("RT" + (System.nanoTime() % 1_000_000_000_000L), x, tenant.tenantId(), Timestamp.from(clock.instant()))
                    .update();
            complaintCheck.check(rule, x, TenantId.of(tenant.tenantId())).ifPresent(hit -> alerts.raise(hit, rule));
        }
        assertThat(alertsOn("x:" + x)).singleElement()
                .satisfies(alert -> assertThat(alert.rule()).isEqualTo(RiskRuleCode.COMPLAINTS));
    }

    @Test
    void oneABoundToMoreDistinctPartiesThanTheThresholdIsFlaggedAsItsBindingsArrive() throws Exception {
        RiskRule before = rules.get(RiskRuleCode.MARKETING_REACH);
        rules.update(new RiskRule(before.code(), true, false, 1, 0, before.severity()));
        try {
            Bound bound = bind();
            byte[] aHash = jdbc.sql("SELECT a_hash FROM binding WHERE id = ?").param(bound.bindingId()).query(byte[].class).single();
            String subject = "a:" + java.util.HexFormat.of().formatHex(aHash);
            assertThat(alertsOn(subject)).isEmpty();
            String c = bindings.verified(bound.tenant().tenantId());
            mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + bound.tenant().key())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"mode\":\"AXB\",\"a\":\"" + bound.a() + "\",\"b\":\"" + c + "\",\"expiresInSeconds\":3600}"))
                    .andExpect(status().isCreated());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(alertsOn(subject)).singleElement().satisfies(alert -> {
                        assertThat(alert.rule()).isEqualTo(RiskRuleCode.MARKETING_REACH);
                        assertThat(alert.evidence()).contains("\"distinctParties\":2").doesNotContain(bound.a())
                                .doesNotContain(c);
                    }));
        } finally {
            rules.update(before);
        }
    }

    @Test
    void anOperatorSuspendsTheTenantFromAnAlertAndRoutingRejectsUntilReactivated() throws Exception {
        Bound bound = bind();
        long tenantId = bound.tenant().tenantId();
        RiskRule rule = rules.get(RiskRuleCode.BINDING_SURGE);
        alerts.raise(new RiskHit(RiskRuleCode.BINDING_SURGE, "tenant:" + tenantId, today(), TenantId.of(tenantId), "5 / 1",
                java.util.Map.of("newBindings", 5)), rule);
        long id = alertsOn("tenant:" + tenantId).get(0).id();

        mvc.perform(post("/operator/risk/alerts/" + id + "/suspend").param("target", "TENANT").param("suspendReason", "confirmed with the evidence")
                .param("confirm", "true")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("TENANT_SUSPENDED");
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value("TENANT_SUSPENDED"));
        assertThat(audits("TENANT_SUSPENDED", Long.toString(tenantId))).isEqualTo(1);

        assertThat(alerts.lift(id, "resolved", "operator")).isTrue();
        assertThat(audits("TENANT_REACTIVATED", Long.toString(tenantId))).isEqualTo(1);
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));
    }

    @Test
    void theDemoTenantsOrdinaryTrafficRaisesNothing() {
        sweep.sweep();
        List<Long> kuaida = jdbc.sql("SELECT id FROM tenant WHERE name LIKE '快达%'").query(Long.class).list();
        assertThat(kuaida).isNotEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM risk_alert WHERE tenant_id IN (:ids)").param("ids", kuaida)
                .query(Long.class).single()).isZero();
    }
}
