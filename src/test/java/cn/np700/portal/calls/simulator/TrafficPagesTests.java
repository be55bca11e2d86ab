package cn.np700.portal.calls.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.calls.TrafficTenants;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators start a simulation for a tenant: refusals next to the fields, one run per tenant (the refusal links the
 * running one), progress, cancel, outcome, audit.
 */
@PortalIntegrationTest
class TrafficPagesTests {

    private static final String PAGE = "/operator/calls/simulate";

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TrafficTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;

    private ResultActions submit(String tenantId, String calls, String spanHours) throws Exception {
        return mvc.perform(post(PAGE).param("tenantId", tenantId).param("calls", calls).param("spanHours", spanHours)
                .with(csrf()).with(TestLogins.as(accounts, "operator")));
    }

    private long runs(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM background_run WHERE kind = 'TRAFFIC_SIMULATION' AND tenant_id = ?")
                .param(tenantId).query(Long.class).single();
    }

    private Run run(long id) {
        return runs.findOfKind(TrafficSimulation.KIND, id).orElseThrow();
    }

    private static long idIn(String location) {
        assertThat(location).matches(PAGE + "/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void onlyOperatorAdminsSeeThePage() throws Exception {
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"traffic-form\"")))
                .andExpect(content().string(containsString("快达物流")));
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "reviewer"))).andExpect(status().isForbidden());
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
    }

    @Test
    void refusalsAreShownNextToTheFieldsAndKeepWhatWasTyped() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(1, 0);
        String tenantId = Long.toString(bound.tenantId());

        submit(tenantId, "0", "abc").andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"0\"")))
                .andExpect(content().string(containsString("value=\"abc\"")))
                .andExpect(content().string(containsString("1 至 100,000 之间的整数")))
                .andExpect(content().string(containsString("1 至 720 之间的整数")))
                .andExpect(content().string(containsString("value=\"" + tenantId + "\" selected=\"selected\"")));
        submit(tenantId, "100001", "24").andExpect(content().string(containsString("1 至 100,000 之间的整数")));
        submit("", "10", "24").andExpect(content().string(containsString("请选择企业。")));
        submit("999999999", "10", "24").andExpect(content().string(containsString("没有这个企业。")));
        // made seconds ago: nothing to simulate on yet
        submit(tenantId, "10", "24").andExpect(content().string(containsString("没有可用的生效绑定")));
        assertThat(runs(bound.tenantId())).isZero();
    }

    @Test
    void aSimulationRunsInTheBackgroundShowsItsOutcomeAndIsAudited() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(4, 1);
        tenants.madeAgo(bound, Duration.ofHours(50));

        // few calls per hour: other tests' newest records stay on top
        String location = submit(Long.toString(bound.tenantId()), "1,200", "48").andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long id = idIn(location);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> !run(id).running());

        Run done = run(id);
        assertThat(done.status()).isEqualTo(RunStatus.DONE);
        assertThat(done.position()).isEqualTo(1_200);
        assertThat(done.total()).isEqualTo(1_200);
        assertThat(done.tenant()).contains(TenantId.of(bound.tenantId()));
        RunCounts counts = done.counts();
        int connected = counts.of("connected");
        int rejected = counts.sumOf("rejected.");
        assertThat(counts.of("routed")).isEqualTo(1_200);
        assertThat(connected + rejected).isEqualTo(1_200);
        assertThat(rejected).isPositive();
        assertThat(counts.of("accepted")).isEqualTo(connected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ? AND tenant_id = ?")
                .params("SIM-" + id + "-%", bound.tenantId()).query(Long.class).single()).isEqualTo(connected);
        assertThat(jdbc.sql("SELECT exclusive_key FROM background_run WHERE id = ?").param(id).query(String.class)
                .optional()).as("the tenant's slot is free again").isEmpty();

        // the finished panel shows the figures and no longer asks for itself
        mvc.perform(get(PAGE + "/" + id).header("HX-Request", "true").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(not(containsString("hx-trigger"))))
                .andExpect(content().string(containsString("data-status=\"DONE\"")))
                .andExpect(content().string(containsString("已完成")))
                .andExpect(content().string(not(containsString("id=\"run-cancel\""))))
                .andExpect(content().string(containsString("呼叫方向不允许")))
                .andExpect(content().string(containsString(">" + connected + "<")));
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("id=\"run-" + id + "\"")));

        List<Map<String, Object>> audit = jdbc.sql("SELECT action, actor, tenant_id, details FROM audit_entry "
                + "WHERE target_type = 'TRAFFIC_SIMULATION' AND target_id = ? ORDER BY id").param(Long.toString(id)).query().listOfRows();
        assertThat(audit).extracting(e -> e.get("action"))
                .containsExactly("TRAFFIC_SIMULATION_STARTED", "TRAFFIC_SIMULATION_FINISHED");
        assertThat(audit).allSatisfy(e -> assertThat(e).containsEntry("actor", "operator")
                .containsEntry("tenant_id", bound.tenantId()));
        Map<?, ?> details = JsonMapper.builder().build().readValue((String) audit.get(1).get("details"), Map.class);
        assertThat(details.get("status")).isEqualTo("DONE");
        assertThat(details.get("connected")).isEqualTo(connected);
        assertThat(details.get("routed")).isEqualTo(1_200);
        Map<?, ?> started = JsonMapper.builder().build().readValue((String) audit.get(0).get("details"), Map.class);
        assertThat(started.get("calls")).isEqualTo(1_200);
        assertThat(started.get("spanHours")).isEqualTo(48);
    }

    @Test
    void aTenantRunsOneSimulationAtATimeTheRefusalLinksTheRunningOneWhichMayBeCancelled() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(2, 0);
        tenants.madeAgo(bound, Duration.ofHours(2));
        // hold the first run inside its first step, so it is still going when the second is asked for
        String label = tenantName(bound) + " · 1 h";
        HeldStep.Hold hold = HeldStep.at(label, 0, "");
        long running = idIn(submit(Long.toString(bound.tenantId()), "5000", "1").andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl());
        try {
            assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

            submit(Long.toString(bound.tenantId()), "100", "1").andExpect(status().isOk())
                    .andExpect(content().string(containsString("已有同类任务在运行：“" + label + "”，由 operator")))
                    .andExpect(content().string(containsString("已完成 0/5,000")))
                    .andExpect(content().string(containsString("id=\"run-going\" href=\"" + PAGE + "/" + running + "\"")))
                    .andExpect(content().string(containsString("value=\"100\"")));
            assertThat(runs(bound.tenantId())).isEqualTo(1);

            mvc.perform(get(PAGE + "/" + running).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                    .andExpect(content().string(containsString("hx-trigger=\"every 1s\"")))
                    .andExpect(content().string(containsString("0 / 5000")))
                    .andExpect(content().string(containsString("id=\"run-cancel\"")));

            // only operator admins may cancel; an unknown id is not found
            mvc.perform(post(PAGE + "/" + running + "/cancel").with(csrf()).with(TestLogins.as(accounts, "reviewer")))
                    .andExpect(status().isForbidden());
            mvc.perform(post(PAGE + "/987654321/cancel").with(csrf()).with(TestLogins.as(accounts, "operator")))
                    .andExpect(status().isNotFound());
            mvc.perform(post(PAGE + "/" + running + "/cancel").with(csrf()).with(TestLogins.as(accounts, "operator")))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(PAGE + "/" + running));
        } finally {
            hold.release();
        }
        // the step held when the cancel came rolls back: nothing of it is counted or stored
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param("SIM-" + running + "-%")
                .query(Long.class).single() == 0 && !run(running).running());
        Run cancelled = run(running);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo("operator");
        assertThat(cancelled.position()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'TRAFFIC_SIMULATION_CANCELLED' AND target_id = ?")
                .param(Long.toString(running)).query(Integer.class).single()).isEqualTo(1);

        String location = submit(Long.toString(bound.tenantId()), "10", "1").andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(runs(bound.tenantId())).isEqualTo(2);
        long next = idIn(location);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> run(next).status() == RunStatus.DONE);
    }

    private String tenantName(TrafficTenants.Bound bound) {
        return jdbc.sql("SELECT name FROM tenant WHERE id = ?").param(bound.tenantId()).query(String.class).single();
    }

    @Test
    void anUnknownRunOrARunOfAnotherKindIsNotFound() throws Exception {
        mvc.perform(get(PAGE + "/987654321").with(TestLogins.as(accounts, "operator"))).andExpect(status().isNotFound());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO background_run (kind, label, started_by, total, status, created_at, updated_at)
                VALUES ('OTHER_KIND', 'not a simulation', 'operator', 1, 'DONE', NOW(6), NOW(6))""").update(key, "id");
        long other = key.getKey().longValue();
        mvc.perform(get(PAGE + "/" + other).with(TestLogins.as(accounts, "operator"))).andExpect(status().isNotFound());
        mvc.perform(post(PAGE + "/" + other + "/cancel").with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
    }

    @AfterEach
    void letGo() {
        HeldStep.clear();
    }
}
