package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calls.TrafficTenants;
import cn.np700.portal.calls.routing.RouteRejections;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.support.TakeoverNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A simulation whose node dies inside a step: node A is held inside the step covering call 700 (its calls routed,
 * their records and roll-ups written, nothing committed) and killed; node B takes the run up and finishes it. Every
 * call is counted once, every connected call's record stored once and rolled up once, and the resumed step makes the
 * very calls the killed one had made.
 */
@PortalIntegrationTest
class TrafficTakeoverTests {

    private static final int CALLS = 1_500;
    private static final String RECORD = "SELECT call_id, x, call_type, result, start_time, release_time, duration_seconds, "
            + "binding_id FROM call_record WHERE call_id LIKE ? AND call_id REGEXP ? ORDER BY call_id";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;
    @Autowired
    TrafficTenants tenants;
    @Autowired
    PlatformTransactionManager transactions;

    @RegisterExtension
    final TakeoverNodes nodes = new TakeoverNodes();

    @Test
    void aSimulationWhoseNodeDiesInsideAStepIsFinishedByAnotherNodeEveryCallCountedAndStoredOnce() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(6, 2);
        tenants.madeAgo(bound, Duration.ofHours(52));
        String tenantName = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        PortalNode doomed = nodes.doomed();
        HeldStep.Hold hold = HeldStep.at(tenantName + " · 48 h", 700, doomed.name());

        Run run = doomed.bean(BackgroundRuns.class).start(TrafficSimulation.newRun(TenantId.of(bound.tenantId()), tenantName, CALLS, 48,
                Instant.now(), new AuditActor("operator", null, null)));
        String prefix = TrafficSimulation.callIdPrefix(run.id());
        assertThat(hold.reachedWithin(Duration.ofSeconds(60))).as("node A made calls 500-999 and has not committed").isTrue();
        assertThat(runs.findOfKind(TrafficSimulation.KIND, run.id()).orElseThrow().position()).isEqualTo(500);
        // what A wrote inside its open step, read past its transaction: the records of the chunk's connected calls
        List<Map<String, Object>> madeByA = uncommitted(prefix);
        assertThat(madeByA).as("A's step stored the chunk's records, not yet committed").isNotEmpty();
        assertThat(committed(prefix, "SIM-[0-9]+-[5-9][0-9][0-9]$")).isZero();

        // routing's refusals wait in memory for up to a second (the carrier's hot path never writes them itself): let
        // A's flush store them before it dies, so that what is checked below is the run, not that known window
        RouteRejections doomedRejections = doomed.bean(RouteRejections.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> doomedRejections.pending() == 0);
        long killedAt = System.nanoTime();
        doomed.kill();
        hold.release();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.findOfKind(TrafficSimulation.KIND, run.id()).orElseThrow().claims() == 2);
        double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("traffic simulation %d taken over %.1f s after its node was killed%n", run.id(), takenOverAfter);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.findOfKind(TrafficSimulation.KIND, run.id()).orElseThrow().status() == RunStatus.DONE);

        Run done = runs.findOfKind(TrafficSimulation.KIND, run.id()).orElseThrow();
        RunCounts counts = done.counts();
        assertThat(done.position()).isEqualTo(CALLS);
        assertThat(done.claims()).isEqualTo(2);
        assertThat(counts.of("routed")).isEqualTo(CALLS);
        assertThat(counts.of("connected") + counts.sumOf("rejected.")).isEqualTo(counts.of("routed"));
        assertThat(counts.of("accepted") + counts.of("unmatched") + counts.of("duplicates") + counts.of("refused"))
                .isEqualTo(counts.of("connected"));
        assertThat(counts.of("accepted")).as("every record matched its binding").isEqualTo(counts.of("connected"));

        // each connected call's record stored once, and rolled up once
        Map<String, Object> stored = jdbc.sql("SELECT COUNT(*) AS n, COUNT(DISTINCT call_id) AS ids FROM call_record "
                + "WHERE call_id LIKE ?").param(prefix + "%").query().singleRow();
        assertThat(((Number) stored.get("n")).intValue()).isEqualTo(counts.of("connected"));
        assertThat(((Number) stored.get("ids")).intValue()).isEqualTo(counts.of("connected"));
        assertThat(jdbc.sql("SELECT SUM(calls) FROM call_daily_tenant WHERE tenant_id = ?").param(bound.tenantId())
                .query(Integer.class).single()).isEqualTo(counts.of("connected"));
        assertThat(jdbc.sql("SELECT SUM(calls) FROM call_daily WHERE tenant_id = ?").param(bound.tenantId())
                .query(Integer.class).single()).isEqualTo(counts.of("connected"));

        // the resumed step made the very calls the killed one had made
        assertThat(jdbc.sql(RECORD).params(prefix + "%", "SIM-[0-9]+-[5-9][0-9][0-9]$").query().listOfRows())
                .isEqualTo(madeByA);

        // every refusal kept; those of the step made twice may be kept twice, like a carrier retrying a route
        nodes.survivor().bean(RouteRejections.class).flush();
        Map<String, Object> refusals = jdbc.sql("SELECT COUNT(*) AS n, COUNT(DISTINCT call_id) AS ids FROM route_rejection "
                + "WHERE call_id LIKE ?").param(prefix + "%").query().singleRow();
        assertThat(((Number) refusals.get("ids")).intValue()).isEqualTo(counts.sumOf("rejected."));
        assertThat(((Number) refusals.get("n")).intValue()).isLessThanOrEqualTo(counts.sumOf("rejected.") + 500);

        assertThat(audited(run.id(), "TRAFFIC_SIMULATION_STARTED")).isEqualTo(1);
        assertThat(audited(run.id(), "TRAFFIC_SIMULATION_FINISHED")).isEqualTo(1);
    }

    /** The chunk's records as they stand, committed or not (READ UNCOMMITTED). */
    private List<Map<String, Object>> uncommitted(String prefix) {
        TransactionTemplate dirty = new TransactionTemplate(transactions);
        dirty.setIsolationLevel(TransactionDefinition.ISOLATION_READ_UNCOMMITTED);
        dirty.setReadOnly(true);
        return dirty.execute(s -> jdbc.sql(RECORD).params(prefix + "%", "SIM-[0-9]+-[5-9][0-9][0-9]$").query()
                .listOfRows());
    }

    private int committed(String prefix, String idPattern) {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ? AND call_id REGEXP ?")
                .params(prefix + "%", idPattern).query(Integer.class).single();
    }

    private int audited(long runId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?")
                .params(action, Long.toString(runId)).query(Integer.class).single();
    }
}
