package cn.np700.portal.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs the bench seeders' slices on a few threads and fails loudly if one fails. */
public final class BenchWorkers {

    private BenchWorkers() {
    }

    /** Calls {@code slice} with 0..slices-1 on {@code threads} threads and waits for all. */
    public static void run(int threads, int slices, IntConsumer slice) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                int n = s;
                futures.add(pool.submit(() -> slice.accept(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench seeding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bench seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
