package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 1000; ms++) {
            recorder.success(ms * 1_000_000L);
        }
        assertEquals(500, recorder.percentileMillis(50), 1.0);
        assertEquals(990, recorder.percentileMillis(99), 1.5);
        assertEquals(999, recorder.percentileMillis(99.9), 1.5);
        assertEquals(1000, recorder.maxMillis(), 1.5);
        assertEquals(1000, recorder.successes());
        // reading twice does not lose or double the values
        assertEquals(500, recorder.percentileMillis(50), 1.0);
        recorder.success(2_000_000_000L);
        assertEquals(2000, recorder.maxMillis(), 2.0);
    }

    @Test
    void failuresAndUnits() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.success(1000, 500);
        recorder.success(1000, 500);
        recorder.failure("HTTP 409 PARTY_ALREADY_ON_X");
        recorder.failure("HTTP 409 PARTY_ALREADY_ON_X");
        recorder.failure("timeout");
        recorder.addUnits(7);
        assertEquals(2, recorder.successes());
        assertEquals(1007, recorder.units());
        assertEquals(Map.of("HTTP 409 PARTY_ALREADY_ON_X", 2L, "timeout", 1L), recorder.failures());
        assertEquals(3, recorder.failureCount());
    }

    @Test
    void emptyRecorderHasNoPercentiles() {
        assertTrue(Double.isNaN(new LatencyRecorder().percentileMillis(50)));
    }
}
