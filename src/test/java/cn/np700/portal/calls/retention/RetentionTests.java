package cn.np700.portal.calls.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.calls.events.CallEventIngestion;
import cn.np700.portal.calls.events.CallEventJson;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.support.PortalIntegrationTest;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retention: detail records past the period go, in batches; recent ones and younger roll-ups stay; the purge is audited. */
@PortalIntegrationTest
class RetentionTests {

    @Autowired
    CallRecordIngestion ingestion;
    @Autowired
    RetentionJob retention;
    @Autowired
    CallEventIngestion events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;

    private static CallRecordJson record(String callId, Instant start) {
        return new CallRecordJson(callId, "700100000009999", "13800138000", "13900139000", "VOICE", start.toString(), null,
                null, start.plusSeconds(30).toString(), 30, 16, "CALLER", "ANSWERED", null, null);
    }

    private long count(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param(prefix + "%").query(Long.class).single();
    }

    @Test
    void recordsOlderThanTheRetentionPeriodArePurgedInBatchesAndAudited() {
        String prefix = "ret-" + System.nanoTime() + "-";
        Instant old = Instant.now().minus(200, ChronoUnit.DAYS);
        List<CallRecordJson> oldRecords = new ArrayList<>();
        for (int i = 0; i < RetentionPurge.BATCH + 150; i++) {
            oldRecords.add(record(prefix + "old-" + i, old));
        }
        for (int from = 0; from < oldRecords.size(); from += 500) {
            ingestion.ingest(oldRecords.subList(from, Math.min(from + 500, oldRecords.size())));
        }
        ingestion.ingest(List.of(record(prefix + "new", Instant.now().minus(10, ChronoUnit.DAYS))));
        events.ingest(List.of(new CallEventJson(prefix + "old-0", "700100000009999", "ALERTING", null, old.toString(), null),
                new CallEventJson(prefix + "old-0", "700100000009999", "DISCONNECTED", "16", old.plusSeconds(30).toString(),
                        null),
                new CallEventJson(prefix + "new", "700100000009999", "ALERTING", null,
                        Instant.now().minus(10, ChronoUnit.DAYS).toString(), null)));
        LocalDate ancient = LocalDate.now().minusYears(3);
        jdbc.sql("INSERT INTO call_daily_tenant (tenant_id, day, calls, answered, short_calls, duration_total, sms) "
                + "VALUES (1, ?, 5, 4, 0, 100, 0)").param(Date.valueOf(ancient)).update();

        Run run = retention.start().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow()
                .status() == RunStatus.DONE);

        Run done = runs.findOfKind(RetentionPurge.KIND, run.id()).orElseThrow();
        assertThat(done.counts().of("callRecords")).isGreaterThanOrEqualTo(RetentionPurge.BATCH + 150);
        assertThat(done.counts().of("dailyRows")).isGreaterThanOrEqualTo(1);
        assertThat(done.position()).isEqualTo(done.total());
        assertThat(count(prefix + "old-")).isZero();
        assertThat(count(prefix + "new")).isEqualTo(1);
        assertThat(done.counts().of("callEvents")).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("SELECT call_id FROM call_event WHERE call_id LIKE ?").param(prefix + "%").query(String.class)
                .list()).as("the old call's events purged, the recent one's kept").containsExactly(prefix + "new");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_daily_tenant WHERE day = ?").param(Date.valueOf(ancient))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'CALL_RECORD_RETENTION_FINISHED' "
                + "AND target_id = ?").param(Long.toString(run.id())).query(String.class).single())
                .contains("\"callRecords\":" + done.counts().of("callRecords"));
        assertThat(retention.start()).as("nothing more is due").isEmpty();
    }
}
