package cn.np700.portal.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Operators start a simulation for a tenant: refusals next to the fields, one run per tenant, progress, outcome, audit. */
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

    private ResultActions submit(String tenantId, String calls, String spanHours) throws Exception {
        return mvc.perform(post(PAGE).param("tenantId", tenantId).param("calls", calls).param("spanHours", spanHours)
                .with(csrf()).with(TestLogins.as(accounts, "operator")));
    }

    private long runs(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM traffic_run WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    private Map<String, Object> run(long id) {
        return jdbc.sql("SELECT * FROM traffic_run WHERE id = ?").param(id).query().singleRow();
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
        assertThat(location).matches(PAGE + "/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"RUNNING".equals(run(id).get("status")));

        Map<String, Object> done = run(id);
        assertThat(done).containsEntry("status", "DONE").containsEntry("done_calls", 1_200).containsEntry("calls", 1_200);
        assertThat(done.get("running_slot")).isNull();
        int connected = (Integer) done.get("connected");
        int rejected = (Integer) done.get("rejected");
        assertThat(connected + rejected).isEqualTo(1_200);
        assertThat(rejected).isPositive();
        assertThat(done.get("accepted")).isEqualTo(connected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ? AND tenant_id = ?")
                .params("SIM-" + id + "-%", bound.tenantId()).query(Long.class).single()).isEqualTo(connected);
        assertThat(jdbc.sql("SELECT SUM(calls) FROM traffic_run_rejection WHERE run_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(rejected);

        // the finished panel shows the figures and no longer asks for itself
        mvc.perform(get(PAGE + "/" + id).header("HX-Request", "true").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(not(containsString("hx-trigger"))))
                .andExpect(content().string(containsString("已完成")))
                .andExpect(content().string(containsString("呼叫方向不允许")))
                .andExpect(content().string(containsString(">" + connected + "<")));
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("id=\"run-" + id + "\"")));

        List<Map<String, Object>> audit = jdbc.sql("SELECT action, actor, tenant_id, details FROM audit_entry "
                + "WHERE target_type = 'TRAFFIC_RUN' AND target_id = ? ORDER BY id").param(Long.toString(id)).query().listOfRows();
        assertThat(audit).extracting(e -> e.get("action"))
                .containsExactly("TRAFFIC_SIMULATION_STARTED", "TRAFFIC_SIMULATION_FINISHED");
        assertThat(audit).allSatisfy(e -> assertThat(e).containsEntry("actor", "operator")
                .containsEntry("tenant_id", bound.tenantId()));
        Map<?, ?> details = JsonMapper.builder().build().readValue((String) audit.get(1).get("details"), Map.class);
        assertThat(details.get("status")).isEqualTo("DONE");
        assertThat(details.get("connected")).isEqualTo(connected);
    }

    @Test
    void aTenantRunsOneSimulationAtATimeWhileThePageShowsItsProgress() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(2, 0);
        tenants.madeAgo(bound, Duration.ofHours(2));
        Instant now = Instant.now();
        // a run of this tenant still going (on this node or another)
        jdbc.sql("""
                INSERT INTO traffic_run (tenant_id, calls, span_hours, status, running_slot, done_calls, created_by,
                    created_at, updated_at)
                VALUES (?, 5000, 24, 'RUNNING', ?, 1500, 'operator', ?, ?)""")
                .params(bound.tenantId(), bound.tenantId(), Timestamp.from(now), Timestamp.from(now)).update();
        long running = jdbc.sql("SELECT id FROM traffic_run WHERE tenant_id = ?").param(bound.tenantId())
                .query(Long.class).single();

        submit(Long.toString(bound.tenantId()), "100", "1").andExpect(status().isOk())
                .andExpect(content().string(containsString("该企业已有一个模拟正在进行")));
        assertThat(runs(bound.tenantId())).isEqualTo(1);

        mvc.perform(get(PAGE + "/" + running).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("hx-trigger=\"every 1s\"")))
                .andExpect(content().string(containsString("value=\"1500\"")))
                .andExpect(content().string(containsString("1500 / 5000")));

        jdbc.sql("UPDATE traffic_run SET status = 'FAILED', running_slot = NULL WHERE id = ?").param(running).update();
        String location = submit(Long.toString(bound.tenantId()), "10", "1").andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(runs(bound.tenantId())).isEqualTo(2);
        long next = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(run(next).get("status")));
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        mvc.perform(get(PAGE + "/987654321").with(TestLogins.as(accounts, "operator"))).andExpect(status().isNotFound());
    }
}
