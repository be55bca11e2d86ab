package cn.np700.portal.calls;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where operators' call record uploads are ingested: two workers, so that large files queue up rather than take
 * the database connections the carrier's own pushes need. Not an {@link java.util.concurrent.Executor} bean (one
 * would replace Spring Boot's application task executor). On shutdown running jobs are interrupted, which marks them FAILED.
 */
@Component
class CallRecordUploadWorkers implements DisposableBean {

    private final ExecutorService pool;

    CallRecordUploadWorkers() {
        AtomicInteger sequence = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "call-record-upload-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(Runnable job) throws RejectedExecutionException {
        pool.execute(job);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
