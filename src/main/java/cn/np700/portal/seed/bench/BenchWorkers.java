package cn.np700.portal.seed.bench;

import cn.np700.portal.executors.ExecutorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the bench seeders' slices on a few threads of the {@value ExecutorNames#BENCH_SEEDING} pool and fails loudly if
 * one fails.
 */
@Component
public class BenchWorkers {

    private final AsyncTaskExecutor seeding;

    BenchWorkers(@Qualifier(ExecutorNames.BENCH_SEEDING) AsyncTaskExecutor seeding) {
        this.seeding = seeding;
    }

    /**
     * Calls {@code slice} with 0..slices-1 on {@code threads} threads (fewer if the pool has fewer) and waits for all.
     * Each thread takes the next slice not yet taken; after a failure the others take no new slice.
     */
    public void run(int threads, int slices, IntConsumer slice) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(threads, slices); w++) {
            workers.add(seeding.submit(() -> {
                for (int n = next.getAndIncrement(); n < slices; n = next.getAndIncrement()) {
                    slice.accept(n);
                }
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench seeding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bench seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            next.set(slices);
            for (Future<?> worker : workers) {
                worker.cancel(true);
            }
        }
    }
}
