package cn.np700.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Operations at a fixed rate ({@link OpenLoopSchedule}) from a pool of worker threads; each worker takes the next
 * operation, waits for its intended start, sends it and records the latency from the intended start. When every
 * worker is busy the next operations start late and their lateness counts in their latency.
 */
public final class OpenLoop {

    private OpenLoop() {
    }

    public static LoadResult run(String name, double rate, int workers, double warmUpSeconds, double seconds,
            Workload workload) {
        return run(name, rate, workers, warmUpSeconds, seconds, workload, new LatencyRecorder());
    }

    /**
     * As {@link #run(String, double, int, double, double, Workload)}; {@code lateness} gets, for each measured
     * operation, how long after its intended start it was sent: the part of its latency spent in this process (every
     * worker busy, or a worker waiting for a core), not in the server.
     */
    public static LoadResult run(String name, double rate, int workers, double warmUpSeconds, double seconds,
            Workload workload, LatencyRecorder lateness) {
        LatencyRecorder recorder = new LatencyRecorder();
        long start = System.nanoTime() + 50_000_000L;
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, rate);
        long warmUp = schedule.count(warmUpSeconds);
        long total = warmUp + schedule.count(seconds);
        long measureStart = schedule.intendedStart(warmUp);
        AtomicLong next = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(measureStart);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long k = next.getAndIncrement();
                    if (k >= total) {
                        return;
                    }
                    long intended = schedule.intendedStart(k);
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (k >= warmUp) {
                        lateness.success(System.nanoTime() - intended);
                    }
                    Workload.Result result;
                    try {
                        result = workload.call(k);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        result = Workload.Result.failed(Workload.failureName(e));
                    }
                    long done = System.nanoTime();
                    if (k >= warmUp) {
                        Workload.record(recorder, result, done - intended);
                        lastEnd.accumulateAndGet(done, Math::max);
                    }
                }
            }, name + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ClosedLoop.join(threads);
        double measured = Math.max(seconds, (lastEnd.get() - measureStart) / 1e9);
        return new LoadResult(name, workers, rate, measured, recorder);
    }
}
