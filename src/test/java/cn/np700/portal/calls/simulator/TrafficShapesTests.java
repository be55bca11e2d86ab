package cn.np700.portal.calls.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.ingestion.CallRollups;
import cn.np700.portal.calls.ingestion.CheckedRecord;
import cn.np700.portal.calls.ingestion.RecordChecks;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulator's calls on their own: when they happen, how they end, and that the carrier API would take them. */
class TrafficShapesTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void callsPeakAtLunchAndDinnerInThePlatformsTimeZone() {
        TrafficHours hours = new TrafficHours(BEIJING);
        Random random = new Random(11);
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(10));
        int[] perHour = new int[24];
        for (int i = 0; i < 20_000; i++) {
            Instant at = hours.pick(from, to, random);
            assertThat(at).isBetween(from, to);
            perHour[at.atZone(BEIJING).getHour()]++;
        }
        int busiest = 0;
        for (int h = 0; h < 24; h++) {
            busiest = perHour[h] > perHour[busiest] ? h : busiest;
        }
        assertThat(busiest).isIn(11, 12, 17, 18);
        assertThat(Math.min(perHour[12], perHour[18])).isGreaterThan(perHour[15] * 3 / 2);
        assertThat(perHour[3] * 10).isLessThan(perHour[12]);
    }

    @Test
    void connectedCallsEndInRealisticSharesAndTheCarrierApiAcceptsEveryRecord() {
        Random random = new Random(3);
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Map<CallResult, Integer> results = new EnumMap<>(CallResult.class);
        int shortAnswered = 0;
        for (int i = 0; i < 5_000; i++) {
            CallType type = i % 10 == 0 ? CallType.SMS : CallType.VOICE;
            TrafficCallShape shape = TrafficCallShapes.pick(type, random);
            assertThat(shape.release()).isLessThanOrEqualTo(TrafficCallShapes.LONGEST);
            Instant start = now.minus(TrafficCallShapes.LONGEST);
            CallRecordJson json = shape.record("c-" + i, 700_1000_0000_0001L, "13800138000", "13900139000", start, true, null);

            RecordChecks.Outcome checked = RecordChecks.check(i, json, now);
            assertThat(checked).isInstanceOf(RecordChecks.Good.class);
            CheckedRecord record = ((RecordChecks.Good) checked).record();
            if (type == CallType.VOICE) {
                results.merge(record.result(), 1, Integer::sum);
                boolean answered = record.result() == CallResult.ANSWERED;
                assertThat(record.durationSeconds() > 0).isEqualTo(answered);
                assertThat(record.answer() != null).isEqualTo(answered);
                assertThat(record.recordingRef() != null).isEqualTo(answered);
                shortAnswered += answered && record.durationSeconds() <= CallRollups.SHORT_CALL_SECONDS ? 1 : 0;
            } else {
                assertThat(record.durationSeconds()).isZero();
                assertThat(record.recordingRef()).isNull();
            }
        }
        int voice = results.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(results.get(CallResult.ANSWERED) * 100 / voice).isBetween(70, 78);
        assertThat(results.keySet()).containsExactlyInAnyOrder(CallResult.values());
        assertThat(shortAnswered * 100 / results.get(CallResult.ANSWERED)).isBetween(5, 15);
    }
}
