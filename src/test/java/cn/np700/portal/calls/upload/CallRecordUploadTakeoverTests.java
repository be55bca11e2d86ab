package cn.np700.portal.calls.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calls.TrafficTenants;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.support.TakeoverNodes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A call record upload whose node dies inside a step: node A works a 1,600-line file (bad lines, duplicates, unmatched
 * calls) and is killed holding the second batch (lines 500-999) stored but not committed; node B takes the run up and
 * finishes it. Every line has its result once, in order; counts equal the result rows; each call is stored and rolled
 * up once; the redone batch is labelled as if A had never begun it (its records rolled back with A's step, so they are
 * stored, not duplicates); the start and the finish audited once.
 */
@PortalIntegrationTest
class CallRecordUploadTakeoverTests {

    private static final String HEADER = "callId,x,caller,callee,type,startTime,ringTime,answerTime,releaseTime,"
            + "durationSeconds,releaseCause,releaseSide,result";
    private static final int LINES = 1_600;
    private static final AuditActor OPERATOR = new AuditActor("operator", null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;
    @Autowired
    TrafficTenants tenants;
    @Autowired
    CallRecordIngestion ingestion;
    @Autowired
    CallRecordUploadRows uploadRows;

    @RegisterExtension
    final TakeoverNodes nodes = new TakeoverNodes();

    /** One planned line: its call id, what its CSV says, and what must become of it. */
    private record Planned(String callId, String csv, String outcome) {
    }

    @Test
    void anUploadWhoseNodeDiesInsideAStepIsFinishedByAnotherNodeWithEveryLineAndEveryCallOnce() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(1, 0);
        TrafficTenants.Pair pair = bound.pairs().get(0);
        Instant start = tenants.madeAgo(bound, Duration.ofDays(3)).plus(Duration.ofMinutes(5));
        String prefix = "TO-" + System.nanoTime() + "-";
        // stored before the upload: its line in the batch A dies in stays a duplicate
        ingestion.ingest(List.of(record(prefix + "pre", pair, start.plusSeconds(30))));
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            Instant t = start.plus(Duration.ofMinutes(i % 50));
            if (i % 100 == 25) {
                plan.add(new Planned(prefix + "s" + i, String.join(",", prefix + "s" + i, Long.toString(pair.x()),
                        "13012345678", "13112345678", "VOICE", t.toString(), "", "", t.plusSeconds(5).toString(), "0",
                        "17", "CALLEE", "BUSY"), "unmatched"));
            } else if (i % 100 == 50) {
                plan.add(new Planned(prefix + i, answered(prefix + i, pair, t).replace(",VOICE,", ",FAX,"), "rejected"));
            } else if (i % 100 == 75 && i > 100) {
                // the call of the line 101 lines up, in this batch or the one before
                plan.add(new Planned(prefix + (i - 101), answered(prefix + (i - 101), pair, t), "duplicate"));
            } else if (i == 710) {
                plan.add(new Planned(prefix + "pre", answered(prefix + "pre", pair, t), "duplicate"));
            } else {
                plan.add(new Planned(prefix + i, answered(prefix + i, pair, t), "accepted"));
            }
        }
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        plan.forEach(line -> file.append(line.csv()).append('\n'));
        CallRecordUploadFile.Checked checked = CallRecordUploadFile.check(file.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(checked.rows()).isEqualTo(LINES);
        long rolledUpBefore = rolledUp(bound.tenantId(), "call_daily_tenant");
        long perNumberBefore = rolledUp(bound.tenantId(), "call_daily");

        PortalNode doomed = nodes.doomed();
        String fileName = prefix + "takeover.csv";
        HeldStep.Hold hold = HeldStep.at(fileName, 700, doomed.name());
        Run run = doomed.bean(BackgroundRuns.class)
                .start(doomed.bean(CallRecordUploadWork.class).newRun(fileName, checked, OPERATOR));
        assertThat(hold.reachedWithin(Duration.ofSeconds(60))).as("node A stored lines 500-999 and has not committed")
                .isTrue();
        Run held = runs.findOfKind(CallRecordUploadWork.KIND, run.id()).orElseThrow();
        assertThat(held.position()).isEqualTo(500);
        assertThat(resultRows(run.id())).isEqualTo(500);
        assertThat(stored(prefix)).as("the first batch's calls and the one stored before").isEqualTo(1 + expectedStored(plan.subList(0, 500)));

        long killedAt = System.nanoTime();
        doomed.kill();
        hold.release();
        assertThat(stored(prefix)).as("A's open step rolled back with its connections")
                .isEqualTo(1 + expectedStored(plan.subList(0, 500)));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.findOfKind(CallRecordUploadWork.KIND, run.id()).orElseThrow().claims() == 2);
        double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("call record upload %d taken over %.1f s after its node was killed%n", run.id(), takenOverAfter);
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.findOfKind(CallRecordUploadWork.KIND, run.id())
                .orElseThrow().status() == RunStatus.DONE);

        Run done = runs.findOfKind(CallRecordUploadWork.KIND, run.id()).orElseThrow();
        assertThat(done.claims()).isEqualTo(2);
        assertThat(done.position()).isEqualTo(LINES);
        assertThat(resultRows(run.id())).isEqualTo(LINES);
        int accepted = count(plan, "accepted");
        int unmatched = count(plan, "unmatched");
        assertThat(done.counts().of("accepted")).isEqualTo(accepted).isEqualTo(1_552);
        assertThat(done.counts().of("unmatched")).isEqualTo(unmatched).isEqualTo(16);
        assertThat(done.counts().of("duplicates")).isEqualTo(count(plan, "duplicate")).isEqualTo(16);
        assertThat(done.counts().of("rejected")).isEqualTo(count(plan, "rejected")).isEqualTo(16);
        assertThat(done.counts().sumOf("")).isEqualTo(resultRows(run.id()));

        // the result file: every line once, in file order, labelled as planned (the redone batch too)
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CallRecordUploadResultCsv.write(run.id(), uploadRows, csv);
        String[] rows = csv.toString(StandardCharsets.UTF_8).substring(1).split("\r?\n");
        assertThat(rows).hasSize(LINES + 1);
        for (int i = 0; i < LINES; i++) {
            String[] cells = rows[i + 1].split(",", -1);
            assertThat(List.of(cells[0], cells[1], cells[2])).as("line %d", i + 2)
                    .containsExactly(Integer.toString(i + 2), plan.get(i).callId(), plan.get(i).outcome());
        }

        // each call stored once, and rolled up once (matched ones only: unmatched calls belong to no tenant yet)
        assertThat(stored(prefix)).isEqualTo(1 + accepted + unmatched);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT call_id) FROM call_record WHERE call_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(1 + accepted + unmatched);
        assertThat(rolledUp(bound.tenantId(), "call_daily_tenant")).isEqualTo(rolledUpBefore + accepted);
        assertThat(rolledUp(bound.tenantId(), "call_daily")).isEqualTo(perNumberBefore + accepted);
        assertThat(audited(run.id(), "CALL_RECORD_UPLOAD_STARTED")).isEqualTo(1);
        assertThat(audited(run.id(), "CALL_RECORD_UPLOAD_FINISHED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run_input WHERE run_id = ?").param(run.id())
                .query(Integer.class).single()).as("the file goes with the run's end").isZero();
    }

    private static String answered(String callId, TrafficTenants.Pair pair, Instant t) {
        return String.join(",", callId, Long.toString(pair.x()), pair.a(), pair.other(), "VOICE", t.toString(),
                t.plusSeconds(2).toString(), t.plusSeconds(8).toString(), t.plusSeconds(68).toString(), "60", "16",
                "CALLER", "ANSWERED");
    }

    private static CallRecordJson record(String callId, TrafficTenants.Pair pair, Instant t) {
        return new CallRecordJson(callId, Long.toString(pair.x()), pair.a(), pair.other(), "VOICE", t.toString(),
                t.plusSeconds(2).toString(), t.plusSeconds(8).toString(), t.plusSeconds(68).toString(), 60, 16, "CALLER",
                "ANSWERED", null, null);
    }

    private static int count(List<Planned> plan, String outcome) {
        return (int) plan.stream().filter(line -> line.outcome().equals(outcome)).count();
    }

    private static int expectedStored(List<Planned> lines) {
        return count(lines, "accepted") + count(lines, "unmatched");
    }

    private long stored(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param(prefix + "%").query(Long.class)
                .single();
    }

    private long rolledUp(long tenantId, String table) {
        return jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM " + table + " WHERE tenant_id = ?").param(tenantId)
                .query(Long.class).single();
    }

    private int resultRows(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM call_upload_row WHERE run_id = ?").param(runId).query(Integer.class)
                .single();
    }

    private int audited(long runId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?")
                .params(action, Long.toString(runId)).query(Integer.class).single();
    }
}
