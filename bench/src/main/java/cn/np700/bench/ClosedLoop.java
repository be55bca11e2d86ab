package cn.np700.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of threads, each sending its next operation as soon as the previous one answered: the throughput at
 * that concurrency. Operations run for the warm-up, then the ones that start and end within the measured window count.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public static LoadResult run(String name, int threads, double warmUpSeconds, double seconds, Workload workload) {
        return run(name, threads, warmUpSeconds, seconds, Long.MAX_VALUE, workload);
    }

    /** As {@link #run(String, int, double, double, Workload)}, stopping early after maxMeasured measured operations. */
    public static LoadResult run(String name, int threads, double warmUpSeconds, double seconds, long maxMeasured,
            Workload workload) {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong seq = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        long start = System.nanoTime();
        long measureStart = start + toNanos(warmUpSeconds);
        long end = measureStart + toNanos(seconds);
        AtomicLong lastEnd = new AtomicLong(measureStart);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end || measured.get() >= maxMeasured) {
                        return;
                    }
                    Workload.Result result;
                    try {
                        result = workload.call(seq.getAndIncrement());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        result = Workload.Result.failed(Workload.failureName(e));
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureStart && t1 <= end) {
                        Workload.record(recorder, result, t1 - t0);
                        measured.incrementAndGet();
                        lastEnd.accumulateAndGet(t1, Math::max);
                    }
                }
            }, name + "-" + w);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        join(workers);
        long stop = maxMeasured == Long.MAX_VALUE ? end : Math.min(end, lastEnd.get());
        return new LoadResult(name, threads, 0, Math.max(1, stop - measureStart) / 1e9, recorder);
    }

    static long toNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
