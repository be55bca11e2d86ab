package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.TrafficTenants;
import cn.np700.portal.calls.routing.RouteRejections;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.support.PortalIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator drives its calls through the real routing (refusals kept like real ones) and the real ingestion
 * (records stored, matched to their bindings, rolled up), with lunch and dinner peaks.
 */
@PortalIntegrationTest
class TrafficSimulatorTests {

    @Autowired
    TrafficSimulator simulator;
    @Autowired
    TrafficTenants tenants;
    @Autowired
    RouteRejections rejections;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    PlatformCalendar calendar;

    @Test
    void simulatedCallsAreRoutedAndTheirRecordsIngestedMatchedAndRolledUp() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(6, 2);
        tenants.madeAgo(bound, Duration.ofHours(52));
        Instant now = clock.instant();
        String prefix = "SIMTEST-" + System.nanoTime() + "-";

        RunCounts outcome = simulator.run(TenantId.of(bound.tenantId()),
                new TrafficPlan(1_500, now.minus(Duration.ofHours(50)), now.minus(Duration.ofHours(2)), prefix),
                new Random(42));

        assertThat(outcome.of("routed")).isEqualTo(1_500);
        assertThat(outcome.of("connected") + outcome.sumOf("rejected.")).isEqualTo(1_500);
        assertThat(outcome.of("rejected.NO_BINDING")).isPositive();
        assertThat(outcome.of("rejected.DIRECTION_NOT_ALLOWED")).isPositive();
        assertThat(outcome.of("connected")).isGreaterThan(1_200);

        // every refusal was kept for operators, like a carrier's
        rejections.flush();
        Map<String, Long> kept = jdbc.sql("SELECT reason, COUNT(*) FROM route_rejection WHERE call_id LIKE ? GROUP BY reason")
                .param(prefix + "%").query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(kept).containsEntry("NO_BINDING", (long) outcome.of("rejected.NO_BINDING"))
                .containsEntry("DIRECTION_NOT_ALLOWED", (long) outcome.of("rejected.DIRECTION_NOT_ALLOWED"));
        assertThat(kept.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(outcome.sumOf("rejected."));

        // each connected call's record is stored once and matched to its binding and tenant
        assertThat(outcome.of("accepted")).isEqualTo(outcome.of("connected"));
        assertThat(outcome.of("unmatched") + outcome.of("duplicates") + outcome.of("refused")).isZero();
        Map<String, Object> stored = jdbc.sql("""
                SELECT COUNT(*) AS n, SUM(match_status = 'MATCHED' AND tenant_id = ?) AS matched,
                    SUM(result = 'ANSWERED') AS answered, SUM(call_type = 'SMS') AS sms,
                    SUM(result = 'ANSWERED' AND call_type = 'VOICE' AND (duration_seconds < 1 OR answer_time IS NULL
                        OR answer_time < ring_time OR release_time < answer_time OR release_cause <> 16)) AS oddAnswered,
                    SUM(result = 'BUSY' AND release_cause = 17) AS busy, SUM(result = 'NO_ANSWER') AS unanswered,
                    SUM(recording_ref IS NOT NULL) AS recorded
                FROM call_record WHERE call_id LIKE ?""")
                .params(bound.tenantId(), prefix + "%").query().singleRow();
        long records = ((Number) stored.get("n")).longValue();
        assertThat(records).isEqualTo(outcome.of("connected"));
        assertThat(((Number) stored.get("matched")).longValue()).isEqualTo(records);
        assertThat(((Number) stored.get("answered")).doubleValue() / records).isBetween(0.6, 0.9);
        assertThat(((Number) stored.get("sms")).longValue()).isPositive();
        assertThat(((Number) stored.get("oddAnswered")).longValue()).isZero();
        assertThat(((Number) stored.get("busy")).longValue()).isPositive();
        assertThat(((Number) stored.get("unanswered")).longValue()).isPositive();
        assertThat(((Number) stored.get("recorded")).longValue()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ? AND (start_time > ? OR release_time > ?)")
                .params(prefix + "%", Timestamp.from(now), Timestamp.from(now)).query(Long.class).single()).isZero();

        // each connected voice call's status was reported too, matched to its record's binding
        Map<String, Object> reported = jdbc.sql("""
                SELECT COUNT(*) AS n, SUM(d.match_status = 'MATCHED' AND d.binding_id = r.binding_id) AS matched,
                    SUM(r.result = 'ANSWERED' AND a.id IS NULL) AS answeredUnreported
                FROM call_record r LEFT JOIN call_event d ON d.call_id = r.call_id AND d.event_type = 'DISCONNECTED'
                    LEFT JOIN call_event a ON a.call_id = r.call_id AND a.event_type = 'ANSWERED'
                WHERE r.call_id LIKE ? AND r.call_type = 'VOICE'""").param(prefix + "%").query().singleRow();
        assertThat(((Number) reported.get("n")).longValue()).isPositive();
        assertThat(((Number) reported.get("matched")).longValue()).isEqualTo(((Number) reported.get("n")).longValue());
        assertThat(((Number) reported.get("answeredUnreported")).longValue()).isZero();

        // the daily roll-ups grew by the same calls, over the days the span covers
        Map<String, Object> rolled = jdbc.sql("SELECT SUM(calls) AS calls, COUNT(*) AS days FROM call_daily_tenant WHERE tenant_id = ?")
                .param(bound.tenantId()).query().singleRow();
        assertThat(((Number) rolled.get("calls")).longValue()).isEqualTo(records);
        assertThat(((Number) rolled.get("days")).longValue()).isGreaterThanOrEqualTo(2);

        // lunch and dinner peaks in the platform's time zone
        long[] perHour = new long[24];
        jdbc.sql("SELECT start_time FROM call_record WHERE call_id LIKE ?").param(prefix + "%")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list()
                .forEach(start -> perHour[start.atZone(calendar.zone()).getHour()]++);
        double peaks = (perHour[11] + perHour[12] + perHour[17] + perHour[18]) / 4.0;
        double night = (perHour[1] + perHour[2] + perHour[3] + perHour[4]) / 4.0;
        double afternoon = (perHour[14] + perHour[15]) / 2.0;
        assertThat(peaks).isGreaterThan(4 * Math.max(night, 1));
        assertThat(peaks).isGreaterThan(1.4 * afternoon);
    }

    @Test
    void callsOnlyStartWhileTheirBindingLivesSoEveryRecordMatches() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(3, 0);
        Instant made = tenants.madeAgo(bound, Duration.ofHours(4));
        Instant now = clock.instant();
        String prefix = "SIMLIFE-" + System.nanoTime() + "-";

        // the span reaches back before the bindings were made: no call may start before them
        RunCounts outcome = simulator.run(TenantId.of(bound.tenantId()), new TrafficPlan(300, now.minus(Duration.ofHours(24)),
                now.minus(Duration.ofHours(2)), prefix), new Random(7));

        assertThat(outcome.of("accepted")).isEqualTo(outcome.of("connected")).isPositive();
        assertThat(outcome.of("unmatched")).isZero();
        assertThat(jdbc.sql("SELECT MIN(start_time) FROM call_record WHERE call_id LIKE ?").param(prefix + "%")
                .query(Timestamp.class).single().toInstant()).isAfterOrEqualTo(made);
    }

    @Test
    void aTenantWithoutUsableBindingsGetsNoCalls() throws Exception {
        TrafficTenants.Bound bound = tenants.bound(1, 0);
        Instant now = clock.instant();
        TrafficPlan plan = new TrafficPlan(50, now.minus(Duration.ofHours(1)), now, "SIMNONE-" + System.nanoTime() + "-");

        // made seconds ago: no whole call fits in its life yet
        assertThat(simulator.usableBindings(TenantId.of(bound.tenantId()), plan)).isZero();
        assertThat(simulator.run(TenantId.of(bound.tenantId()), plan, new Random(1)).of("routed")).isZero();
    }
}
