package cn.np700.portal.runs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.CountedItems;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.support.TakeoverNodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The capability itself, on two extra nodes beside the test context: node A works a run and is killed inside a step
 * (its item written, not committed); node B must take the run up within 30 s and finish it, every item stored and
 * counted exactly once, the start and the finish audited once each.
 */
@PortalIntegrationTest
class RunTakeoverTests {

    private static final AuditActor ACTOR = new AuditActor("run-tester", null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;

    @RegisterExtension
    final TakeoverNodes nodes = new TakeoverNodes();

    @BeforeAll
    static void table(@Autowired JdbcClient jdbc) {
        CountedItems.ensureTable(jdbc);
    }

    @Test
    void aRunWhoseNodeDiesInsideAStepIsResumedByAnotherNodeWithEveryItemOnce() throws Exception {
        PortalNode doomed = nodes.doomed();
        String label = "takeover-" + UUID.randomUUID();
        HeldStep.Hold hold = HeldStep.at(label, 7, doomed.name());

        Run run = doomed.bean(BackgroundRuns.class).start(newRun(label, 20, null));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).as("node A did item 7 and has not committed").isTrue();
        assertThat(ownerOf(run.id())).isEqualTo(doomed.name());
        assertThat(rows(run.id())).as("items 0-6 committed, item 7 written inside the open step").isEqualTo(7);

        long killedAt = System.nanoTime();
        doomed.kill();
        hold.release();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow().claims() == 2);
        double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("run %d taken over %.1f s after its node was killed%n", run.id(), takenOverAfter);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow()
                .status() == RunStatus.DONE);

        Run done = runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow();
        assertThat(rows(run.id())).isEqualTo(20);
        assertThat(done.position()).isEqualTo(20);
        assertThat(done.counts().of("even") + done.counts().of("odd")).isEqualTo(rows(run.id()));
        assertThat(done.counts().of("even")).isEqualTo(10);
        assertThat(done.claims()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT DISTINCT node FROM run_test_item WHERE run_id = ? AND item >= 7").param(run.id())
                .query(String.class).list()).as("the item in the killed step and the rest were done by B")
                .containsExactly(nodes.survivor().name());
        assertThat(audited(run.id(), "TEST_ITEMS_STARTED")).isEqualTo(1);
        assertThat(audited(run.id(), "TEST_ITEMS_FINISHED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run_input WHERE run_id = ?").param(run.id())
                .query(Integer.class).single()).as("the input goes with the run's end").isZero();
    }

    @Test
    void aNodeShuttingDownGivesItsRunBackAfterTheCurrentStepAndAnotherTakesItAtOnce() throws Exception {
        PortalNode doomed = nodes.doomed();
        String label = "shutdown-" + UUID.randomUUID();
        HeldStep.Hold hold = HeldStep.at(label, 4, doomed.name());
        Run run = doomed.bean(BackgroundRuns.class).start(newRun(label, 12, null));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        PortalNode closing = doomed;
        RunDispatcher closingDispatcher = closing.bean(RunDispatcher.class);
        Thread shutdown = new Thread(closing::close);
        shutdown.start();
        // the step in flight is let go only once the node has begun to stop, or it would go on to the next step
        await().atMost(Duration.ofSeconds(10)).until(() -> !closingDispatcher.isRunning());
        long releasedAt = System.nanoTime();
        hold.release();
        shutdown.join(Duration.ofSeconds(30).toMillis());

        String survivor = nodes.survivor().name();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM run_test_item WHERE run_id = ? AND node = ?")
                        .params(run.id(), survivor).query(Integer.class).single() > 0);
        double takenUpAfter = (System.nanoTime() - releasedAt) / 1e9;
        System.out.printf("run %d given back on shutdown and taken up %.1f s later%n", run.id(), takenUpAfter);
        assertThat(takenUpAfter).as("no silence to wait out").isLessThan(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow()
                .status() == RunStatus.DONE);
        assertThat(rows(run.id())).isEqualTo(12);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_test_item WHERE run_id = ? AND item <= 4 AND node = ?")
                .params(run.id(), closing.name()).query(Integer.class).single())
                .as("the step in flight at shutdown was finished by the closing node, not dropped").isEqualTo(5);
        assertThat(runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow().claims())
                .as("an orderly hand-over does not count towards the restart limit").isEqualTo(1);
    }

    @Test
    void aCancelStopsTheRunAtItsLastCommittedStepAndRollsBackTheOneInFlight() throws Exception {
        PortalNode doomed = nodes.doomed();
        String label = "cancel-" + UUID.randomUUID();
        HeldStep.Hold hold = HeldStep.at(label, 3, doomed.name());
        Run run = doomed.bean(BackgroundRuns.class).start(newRun(label, 10, null));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        // this kind's rows do not refer to the run, so the cancel does not wait for the held step: it commits first,
        // and the step, finding the run no longer running at its position, rolls back whole
        assertThat(runs.cancel(run, "an-operator")).isTrue();
        hold.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> doomed.bean(RunDispatcher.class).holding() == 0);
        Run cancelled = runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo("an-operator");
        assertThat(rows(run.id())).isEqualTo(cancelled.position());
        assertThat(cancelled.counts().of("even") + cancelled.counts().of("odd")).isEqualTo(cancelled.position());
        assertThat(cancelled.position()).as("items 0-2 committed; item 3 was in flight").isEqualTo(3);
        assertThat(audited(run.id(), "TEST_ITEMS_CANCELLED")).isEqualTo(1);
        assertThat(audited(run.id(), "TEST_ITEMS_FINISHED")).isZero();
    }

    @Test
    void aSecondRunWithTheSameExclusiveKeyIsRefusedNamingTheRunningOne() {
        String key = "TEST_ITEMS:" + UUID.randomUUID();
        String label = "exclusive-" + UUID.randomUUID();
        HeldStep.Hold hold = HeldStep.at(label, 0, "");
        Run first = runs.start(newRun(label, 3, key));

        assertThatThrownBy(() -> runs.start(newRun("second", 3, key)))
                .isInstanceOfSatisfying(RunAlreadyGoing.class, e -> assertThat(e.running().id()).isEqualTo(first.id()));

        hold.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.findOfKind(CountedItems.KIND, first.id()).orElseThrow()
                .status() == RunStatus.DONE);
        assertThat(runs.start(newRun("third", 1, key)).id()).as("free again once the first ended").isNotEqualTo(first.id());
    }

    @Test
    void aRunThatKeepsKillingItsNodesFailsInsteadOfBeingTakenUpForever() {
        String label = "poison-" + UUID.randomUUID();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO background_run (kind, label, started_by, total, status, owner_node, heartbeat_at, claims,
                    created_at, updated_at)
                VALUES ('TEST_ITEMS', ?, 'run-tester', 5, 'RUNNING', 'a-dead-node', NOW(3) - INTERVAL 1 HOUR, 5, NOW(6), NOW(6))""")
                .param(label).update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO background_run_input (run_id, content) VALUES (?, ?)").params(id, new byte[0]).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.findOfKind(CountedItems.KIND, id).orElseThrow().status()
                == RunStatus.FAILED);
        assertThat(runs.findOfKind(CountedItems.KIND, id).orElseThrow().failure()).isEqualTo("RESTARTED_TOO_OFTEN");
        assertThat(rows(id)).isZero();
        assertThat(audited(id, "TEST_ITEMS_FINISHED")).isEqualTo(1);
    }

    private static NewRun newRun(String label, int total, String exclusiveKey) {
        return new NewRun(CountedItems.KIND, Optional.empty(), label, ACTOR, total, label.getBytes(StandardCharsets.UTF_8),
                exclusiveKey, Map.of());
    }

    private String ownerOf(long runId) {
        return jdbc.sql("SELECT owner_node FROM background_run WHERE id = ?").param(runId).query(String.class).optional()
                .orElse(null);
    }

    private int rows(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM run_test_item WHERE run_id = ?").param(runId).query(Integer.class).single();
    }

    private int audited(long runId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?")
                .params(action, Long.toString(runId)).query(Integer.class).single();
    }
}
