package cn.np700.portal.calls.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.support.TakeoverNodes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A retention purge whose node dies inside its second batch (deleted, not committed) is finished by another node:
 * every old row goes, each counted once, and the one audit entry of its end has them all.
 */
@PortalIntegrationTest
class RetentionTakeoverTests {

    @Autowired
    CallRecordIngestion ingestion;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;

    @RegisterExtension
    final TakeoverNodes nodes = new TakeoverNodes();

    @Test
    void aPurgeCutShortByItsNodeIsFinishedByAnotherWithEveryRowCountedOnce() throws Exception {
        String prefix = "ret-takeover-" + System.nanoTime() + "-";
        Instant old = Instant.now().minus(300, ChronoUnit.DAYS);
        List<CallRecordJson> records = new ArrayList<>();
        for (int i = 0; i < 2 * RetentionPurge.BATCH + 300; i++) {
            records.add(new CallRecordJson(prefix + i, "700100000009999", "13800138000", "13900139000", "VOICE",
                    old.toString(), null, null, old.plusSeconds(30).toString(), 30, 16, "CALLER", "ANSWERED", null, null));
        }
        for (int from = 0; from < records.size(); from += CallRecordIngestion.MAX_BATCH) {
            ingestion.ingest(records.subList(from, Math.min(from + CallRecordIngestion.MAX_BATCH, records.size())));
        }
        PortalNode doomed = nodes.doomed();
        RetentionJob job = doomed.bean(RetentionJob.class);
        RetentionPurge.Plan plan = job.planForToday();
        long oldRowsBefore = jdbc.sql("SELECT COUNT(*) FROM call_record WHERE start_time < ?")
                .param(java.sql.Timestamp.from(plan.detailBefore())).query(Long.class).single();
        HeldStep.Hold hold = HeldStep.at(job.label(plan), RetentionPurge.BATCH + 10, doomed.name());
        Run run = job.start().orElseThrow();
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).as("node A deleted its second batch, uncommitted").isTrue();
        assertThat(runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow().position()).isEqualTo(RetentionPurge.BATCH);

        long killedAt = System.nanoTime();
        doomed.kill();
        hold.release();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow().claims() == 2);
        System.out.printf("retention purge %d taken over %.1f s after its node was killed%n", run.id(),
                (System.nanoTime() - killedAt) / 1e9);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow()
                .status() == RunStatus.DONE);

        Run done = runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isZero();
        assertThat(done.counts().of("callRecords")).as("each old record counted once").isEqualTo(oldRowsBefore);
        assertThat(done.position()).isEqualTo(done.total());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'CALL_RECORD_RETENTION_FINISHED' "
                + "AND target_id = ?").param(Long.toString(run.id())).query(Long.class).single()).isEqualTo(1);
    }
}
