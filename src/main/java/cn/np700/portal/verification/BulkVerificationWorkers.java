package cn.np700.portal.verification;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where bulk verifications run: a few workers, so that uploads queue up rather than all hitting the carrier's
 * verification service at once. Deliberately not an {@link java.util.concurrent.Executor} bean: one of those would
 * make Spring Boot drop its own application task executor. On shutdown the running jobs are interrupted, which
 * marks their batches FAILED.
 */
@Component
class BulkVerificationWorkers implements DisposableBean {

    private final ExecutorService pool;

    BulkVerificationWorkers(@Value("${portal.verification.bulk.workers:2}") int workers) {
        AtomicInteger sequence = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "bulk-verification-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the job when a worker is free. */
    void submit(Runnable job) throws RejectedExecutionException {
        pool.execute(job);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
