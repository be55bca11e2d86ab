package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Suspensions are held by reason: with two reasons on one number, binding or enterprise, lifting one leaves it
 * suspended (and routing rejecting) until the other is lifted too; concurrent reasons are counted by the database.
 */
@PortalIntegrationTest
class SuspensionReasonTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RiskAlerts alerts;
    @Autowired
    RiskRules rules;
    @Autowired
    NumberSuspensions numbers;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    Clock clock;
    @Autowired
    PlatformCalendar calendar;

    String carrier;

    @BeforeEach
    void carrier() {
        carrier = carriers.create("");
    }

    record Bound(TestBindings.Ready tenant, String a, long x, long bindingId) {
    }

    private Bound bind() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Bound(tenant, a, Long.parseLong(JsonPath.read(body, "$.x")), ((Number) JsonPath.read(body, "$.id")).longValue());
    }

    private ResultActions route(Bound bound) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"s-" + System.nanoTime() + "\",\"caller\":\"" + bound.a() + "\",\"x\":\"" + bound.x()
                        + "\",\"type\":\"VOICE\"}"));
    }

    /** Raises an alert as the rule would; SHORT_CALLS suspends at once (its seeded setting), the others do not. */
    private long raise(RiskRuleCode code, String subject, long tenantId) {
        alerts.raise(new RiskHit(code, subject, calendar.dayOf(clock.instant()), TenantId.of(tenantId), "60 / 50",
                Map.of("calls", 60)), rules.get(code));
        return jdbc.sql("SELECT id FROM risk_alert WHERE rule = ? AND subject = ?").params(code.name(), subject)
                .query(Long.class).single();
    }

    private ResultActions liftAlert(long id, String note) throws Exception {
        return mvc.perform(post("/operator/risk/alerts/" + id + "/lift").param("liftNote", note)
                .with(as(accounts, "operator")).with(csrf()));
    }

    private String stateOf(String table, long id) {
        String key = table.equals("pool_number") ? "number" : "id";
        return jdbc.sql("SELECT status FROM " + table + " WHERE " + key + " = ?").param(id).query(String.class).single();
    }

    private int counted(String table, long id) {
        String key = table.equals("pool_number") ? "number" : "id";
        return jdbc.sql("SELECT suspension_reasons FROM " + table + " WHERE " + key + " = ?").param(id).query(Integer.class).single();
    }

    private long openReason(String table, long subject, String source) {
        return jdbc.sql("SELECT id FROM " + table + " WHERE subject_id = ? AND source = ? AND open_key = 1")
                .params(subject, source).query(Long.class).single();
    }

    private long audits(String action, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?").params(action, targetId)
                .query(Long.class).single();
    }

    @Test
    void anAutomaticSuspensionGivesItsRuleInTheReadersLanguage() throws Exception {
        Bound bound = bind();
        long alert = raise(RiskRuleCode.SHORT_CALLS, "x:" + bound.x(), bound.tenant().tenantId());
        String digits = Long.toString(bound.x());

        for (String page : List.of("/operator/risk/alerts/" + alert, "/operator/numbers/" + digits)) {
            mvc.perform(get(page).param("lang", "en").with(as(accounts, "operator")))
                    .andExpect(content().string(containsString("Marketing: too many short calls")))
                    .andExpect(content().string(org.hamcrest.Matchers.not(containsString("msg:"))));
            mvc.perform(get(page).with(as(accounts, "operator")))
                    .andExpect(content().string(containsString("营销外呼：短时通话过多")));
        }
    }

    @Test
    void liftingAnAlertsSuspensionOfANumberLeavesALaterOperatorSuspensionInForce() throws Exception {
        Bound bound = bind();
        long alert = raise(RiskRuleCode.SHORT_CALLS, "x:" + bound.x(), bound.tenant().tenantId());
        String digits = Long.toString(bound.x());
        mvc.perform(post("/operator/blocks/" + digits.substring(0, 11) + "/numbers/" + digits + "/suspend")
                        .param("reason", "用户投诉营销来电，核查中").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(counted("pool_number", bound.x())).isEqualTo(2);
        mvc.perform(get("/operator/risk/alerts/" + alert).with(as(accounts, "reviewer")))
                .andExpect(content().string(containsString("id=\"held-NUMBER\"")))
                .andExpect(content().string(containsString("用户投诉营销来电，核查中")));

        liftAlert(alert, "rule threshold too tight").andExpect(status().is3xxRedirection());

        assertThat(alerts.find(alert).orElseThrow().action()).isEqualTo("NUMBER_LIFTED");
        assertThat(stateOf("pool_number", bound.x())).isEqualTo("SUSPENDED");
        assertThat(counted("pool_number", bound.x())).isEqualTo(1);
        route(bound).andExpect(jsonPath("$.reason").value("NUMBER_SUSPENDED"));
        mvc.perform(get("/operator/history").param("q", digits).with(as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("用户投诉营销来电，核查中")))
                .andExpect(content().string(containsString("rule threshold too tight")));

        long operatorReason = openReason("number_suspension", bound.x(), "OPERATOR");
        String lift = "/operator/numbers/" + digits + "/suspensions/" + operatorReason + "/lift";
        mvc.perform(post(lift).param("note", " ").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"note-" + operatorReason + "-problem\"")));
        assertThat(stateOf("pool_number", bound.x())).isEqualTo("SUSPENDED");
        mvc.perform(post(lift).param("note", "投诉不成立").with(as(accounts, "reviewer")).with(csrf()))
                .andExpect(status().isForbidden());

        mvc.perform(post(lift).param("note", "投诉不成立").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(stateOf("pool_number", bound.x())).isEqualTo("AVAILABLE");
        assertThat(counted("pool_number", bound.x())).isZero();
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("NUMBER_SUSPENDED", digits)).isEqualTo(2);
        assertThat(audits("NUMBER_UNSUSPENDED", digits)).isEqualTo(2);
        mvc.perform(post(lift).param("note", "again").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk());
        assertThat(audits("NUMBER_UNSUSPENDED", digits)).isEqualTo(2);
    }

    @Test
    void aBindingSuspendedByTwoAlertsConnectsOnlyOnceBothAreLifted() throws Exception {
        Bound bound = bind();
        byte[] aHash = jdbc.sql("SELECT a_hash FROM binding WHERE id = ?").param(bound.bindingId()).query(byte[].class).single();
        long onX = raise(RiskRuleCode.LOW_ANSWER, "x:" + bound.x(), bound.tenant().tenantId());
        long onA = raise(RiskRuleCode.LOW_ANSWER, "a:" + HexFormat.of().formatHex(aHash), bound.tenant().tenantId());
        assertThat(alerts.act(onX, RiskSuspension.Kind.BINDING, "marketing pattern on X", "operator")).isTrue();
        assertThat(alerts.act(onA, RiskSuspension.Kind.BINDING, "marketing pattern from A", "reviewer")).isTrue();
        assertThat(counted("binding", bound.bindingId())).isEqualTo(2);

        liftAlert(onX, "X checked").andExpect(status().is3xxRedirection());

        assertThat(stateOf("binding", bound.bindingId())).isEqualTo("SUSPENDED");
        route(bound).andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));
        mvc.perform(get("/operator/bindings/" + bound.bindingId()).with(as(accounts, "auditor")))
                .andExpect(content().string(containsString("marketing pattern from A")))
                .andExpect(content().string(containsString("X checked")));

        liftAlert(onA, "A checked").andExpect(status().is3xxRedirection());

        assertThat(stateOf("binding", bound.bindingId())).isEqualTo("ACTIVE");
        assertThat(counted("binding", bound.bindingId())).isZero();
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("BINDING_UNSUSPENDED", Long.toString(bound.bindingId()))).isEqualTo(2);
    }

    @Test
    void anEnterpriseSuspendedFromAnAlertAndByAnOperatorStaysSuspendedUntilBothAreLifted() throws Exception {
        Bound bound = bind();
        long tenantId = bound.tenant().tenantId();
        long alert = raise(RiskRuleCode.BINDING_SURGE, "tenant:" + tenantId, tenantId);
        mvc.perform(post("/operator/risk/alerts/" + alert + "/suspend").param("target", "TENANT")
                        .param("suspendReason", "转租嫌疑").param("confirm", "true")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/operator/tenants/" + tenantId + "/status").param("target", "SUSPENDED")
                        .param("reason", "合同资料不全").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(counted("tenant", tenantId)).isEqualTo(2);
        assertThat(audits("TENANT_SUSPENDED", Long.toString(tenantId))).isEqualTo(1);
        assertThat(audits("TENANT_SUSPENSION_ADDED", Long.toString(tenantId))).isEqualTo(1);
        mvc.perform(get("/operator/tenants/" + tenantId).with(as(accounts, "operator")))
                .andExpect(content().string(containsString("转租嫌疑")))
                .andExpect(content().string(containsString("合同资料不全")));

        liftAlert(alert, "材料已补").andExpect(status().is3xxRedirection());

        assertThat(stateOf("tenant", tenantId)).isEqualTo("SUSPENDED");
        route(bound).andExpect(jsonPath("$.reason").value("TENANT_SUSPENDED"));
        assertThat(audits("TENANT_SUSPENSION_LIFTED", Long.toString(tenantId))).isEqualTo(1);
        assertThat(audits("TENANT_REACTIVATED", Long.toString(tenantId))).isZero();

        long operatorReason = openReason("tenant_suspension", tenantId, "OPERATOR");
        mvc.perform(post("/operator/tenants/" + tenantId + "/suspensions/" + operatorReason + "/lift").param("note", "")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请填写解除原因")));
        assertThat(stateOf("tenant", tenantId)).isEqualTo("SUSPENDED");

        mvc.perform(post("/operator/tenants/" + tenantId + "/suspensions/" + operatorReason + "/lift").param("note", "合同已补签")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(stateOf("tenant", tenantId)).isEqualTo("ACTIVE");
        assertThat(counted("tenant", tenantId)).isZero();
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("TENANT_REACTIVATED", Long.toString(tenantId))).isEqualTo(1);
    }

    @Test
    void reasonsOpenedAndLiftedAtOnceAreCountedByTheDatabase() throws Exception {
        Bound bound = bind();
        UsageNumber x = new UsageNumber(bound.x());
        int threads = 8;
        List<Boolean> opened = race(threads, i -> numbers.suspendFor(x, SuspensionSource.COMPLAINT, "c-" + i, "system", "complaint " + i));
        List<Boolean> twice = race(2, i -> numbers.suspendFor(x, SuspensionSource.ALERT, "same", "system", "the same alert"));

        assertThat(opened).containsOnly(true);
        assertThat(twice).containsExactlyInAnyOrder(true, false);
        assertThat(counted("pool_number", bound.x())).isEqualTo(threads + 1);
        assertThat(stateOf("pool_number", bound.x())).isEqualTo("SUSPENDED");

        List<Boolean> lifted = race(threads, i -> numbers.liftFor(x, SuspensionSource.COMPLAINT, "c-" + i, "system", "handled"));

        assertThat(lifted).containsOnly(true);
        assertThat(counted("pool_number", bound.x())).isEqualTo(1);
        assertThat(stateOf("pool_number", bound.x())).isEqualTo("SUSPENDED");
        route(bound).andExpect(jsonPath("$.reason").value("NUMBER_SUSPENDED"));
        assertThat(race(2, i -> numbers.liftFor(x, SuspensionSource.ALERT, "same", "system", "done")))
                .containsExactlyInAnyOrder(true, false);
        assertThat(counted("pool_number", bound.x())).isZero();
        assertThat(stateOf("pool_number", bound.x())).isEqualTo("AVAILABLE");
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
    }

    interface Step {
        boolean run(int i) throws Exception;
    }

    /** Runs the step on {@code n} threads released together; their answers. */
    private static List<Boolean> race(int n, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return step.run(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Boolean> answers = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
