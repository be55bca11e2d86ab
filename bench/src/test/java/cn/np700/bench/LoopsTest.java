package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopsTest {

    @Test
    void scheduleIsFixedIntervals() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 1000);
        assertEquals(1_000, schedule.intendedStart(0));
        assertEquals(1_001_000, schedule.intendedStart(1));
        assertEquals(1_000_001_000L, schedule.intendedStart(1000));
        assertEquals(5000, schedule.count(5));
        OpenLoopSchedule odd = new OpenLoopSchedule(0, 3);
        assertEquals(333_333_333, odd.intendedStart(1));
        assertEquals(1_000_000_000, odd.intendedStart(3));
        assertEquals(4, odd.count(1.5));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0));
    }

    @Test
    void openLoopKeepsItsRateAndMeasuresFromIntendedStart() {
        // each operation takes 20 ms; 2 workers at 200/s cannot keep up (at most 100/s), so operations start late
        // and the latency from their intended start grows far beyond 20 ms (no coordinated omission)
        LatencyRecorder lateness = new LatencyRecorder();
        LoadResult slow = OpenLoop.run("t", 200, 2, 0, 1, seq -> {
            Thread.sleep(20);
            return Workload.Result.ok();
        }, lateness);
        assertTrue(slow.recorder().percentileMillis(99) > 200, "p99 " + slow.recorder().percentileMillis(99));
        // the waiting for a free worker is the generator's part, and shows as lateness of the sends
        assertEquals(200, lateness.successes());
        assertTrue(lateness.percentileMillis(99) > 180, "sent late p99 " + lateness.percentileMillis(99));
        assertEquals(200, slow.recorder().successes());
        assertTrue(slow.seconds() > 1.5, "measured " + slow.seconds());

        LoadResult fast = OpenLoop.run("t", 200, 8, 0.2, 1, seq -> Workload.Result.ok());
        assertEquals(200, fast.recorder().successes());
        // (generous bounds: the machine may be busy)
        assertTrue(fast.rate() > 100 && fast.rate() <= 201, "rate " + fast.rate());
        assertTrue(fast.recorder().percentileMillis(50) < 250, "p50 " + fast.recorder().percentileMillis(50));
    }

    @Test
    void closedLoopCountsOnlyTheMeasuredWindow() {
        AtomicLong calls = new AtomicLong();
        LoadResult r = ClosedLoop.run("t", 2, 0.3, 0.5, seq -> {
            calls.incrementAndGet();
            Thread.sleep(10);
            return seq % 10 == 0 ? Workload.Result.failed("every tenth") : Workload.Result.ok(3);
        });
        long measured = r.recorder().successes() + r.recorder().failureCount();
        assertTrue(measured > 5 && measured <= 100, "measured " + measured);
        assertTrue(calls.get() > measured, "warm-up calls are not measured");
        assertEquals(r.recorder().successes() * 3, r.recorder().units());
        assertEquals(r.recorder().successes() / 0.5, r.rate(), 1e-9);
        double p50 = r.recorder().percentileMillis(50);
        assertTrue(p50 >= 9.9 && p50 < 250, "p50 " + p50);
    }

    @Test
    void closedLoopCanStopAfterSamples() {
        LoadResult r = ClosedLoop.run("t", 2, 0, 60, 30, seq -> Workload.Result.ok());
        assertTrue(r.recorder().successes() >= 30 && r.recorder().successes() < 40);
        assertTrue(r.seconds() < 5);
    }

    @Test
    void exceptionsAreNamedFailures() {
        LoadResult r = ClosedLoop.run("t", 1, 0, 0.2, 5, seq -> {
            throw new java.net.http.HttpTimeoutException("request timed out");
        });
        assertTrue(r.recorder().failures().get("timeout") >= 5);
        assertEquals(0, r.recorder().successes());
    }
}
