package cn.np700.portal.executors;

import java.util.concurrent.RejectedExecutionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The portal's thread pools. Each is a {@link ThreadPoolTaskExecutor} bean, so Spring shuts it down with the context
 * and the actuator publishes its {@code executor.*} metrics under the bean's name. Boot's own
 * {@code applicationTaskExecutor} stays ({@code spring.task.execution.mode: force}), and none of these is a
 * {@code TaskScheduler}, so the scheduled jobs keep Boot's scheduler.
 */
@Configuration(proxyBeanMethods = false)
class ExecutorPools {

    private static final Logger log = LoggerFactory.getLogger(ExecutorPools.class);

    /**
     * Background runs (bulk verification, call record upload, traffic simulation). No queue: a run is claimed only
     * when a worker is free, so that a run waiting here could be taken by another node instead.
     */
    @Bean(ExecutorNames.RUN_WORKERS)
    ThreadPoolTaskExecutor runWorkers(@Value("${portal.runs.workers:4}") int workers) {
        return pool("run-worker-", workers, 0);
    }

    /**
     * One thread for the chainer's loop, which the chainer ends when it stops. In the chainer's lifecycle phase (0):
     * Spring stops a pool's users when it stops the pool, and the chainer stops after the web server and the jobs.
     */
    @Bean(ExecutorNames.AUDIT_CHAINING)
    ThreadPoolTaskExecutor auditChaining() {
        ThreadPoolTaskExecutor pool = ownedLoop("audit-chainer-");
        pool.setPhase(0);
        return pool;
    }

    /**
     * One thread for the probe's loop: a scheduled job would share the scheduler's threads with the purges and
     * sweeps, and a scheduler bean of its own would take the place of Boot's, which the scheduled jobs use.
     */
    /**
     * The background runs' heartbeat and look-out for orphaned runs, on a thread of their own: behind the scheduler's
     * long jobs a late beat would make a live run look dead.
     */
    @Bean(ExecutorNames.RUN_PULSE)
    ThreadPoolTaskExecutor runPulse() {
        return ownedLoop("run-pulse-");
    }

    @Bean(ExecutorNames.DATABASE_PROBING)
    ThreadPoolTaskExecutor databaseProbing() {
        return ownedLoop("database-probe-");
    }

    /** One ranking at a time; beyond the queue a re-ranking is refused, and the next view asks again. */
    @Bean(ExecutorNames.BUSIEST_NUMBERS_RERANKING)
    ThreadPoolTaskExecutor busiestNumbersReranking(@Value("${portal.executors.busiest-numbers.queue:1000}") int queue) {
        return whileRequestsRun(pool("busiest-numbers-", 1, queue));
    }

    /** One reader per export in progress; more exports wait in an unbounded queue for a reader. */
    @Bean(ExecutorNames.CALL_EXPORT_READING)
    ThreadPoolTaskExecutor callExportReading(@Value("${portal.executors.call-export.readers:4}") int readers) {
        return whileRequestsRun(pool("call-export-reader-", readers, Integer.MAX_VALUE));
    }

    /** One check at a time; a check beyond the queue is dropped with a warning (the same A's next binding redoes it). */
    @Bean(ExecutorNames.RISK_REACH_CHECKS)
    ThreadPoolTaskExecutor riskReachChecks(@Value("${portal.executors.risk-reach-checks.queue:10000}") int queue) {
        ThreadPoolTaskExecutor pool = whileRequestsRun(pool("risk-reach-check-", 1, queue));
        pool.setRejectedExecutionHandler(dropWithWarning(ExecutorNames.RISK_REACH_CHECKS));
        return pool;
    }

    /**
     * Webhook sends: the worker claims another batch only while fewer than one are in hand, so the queue never holds
     * more than two batches; a slow receiver holds a thread for at most its timeouts, and at most 4 threads at once.
     */
    @Bean(ExecutorNames.WEBHOOK_DELIVERY)
    ThreadPoolTaskExecutor webhookDelivery(@Value("${portal.webhooks.delivery.threads:8}") int threads) {
        return pool("webhook-delivery-", threads, Integer.MAX_VALUE);
    }

    /**
     * One thread for the webhook worker's loop, woken when an outbox write commits on this node and every poll
     * otherwise; a thread of its own, so that a pass waiting on slow receivers holds no scheduler thread.
     */
    @Bean(ExecutorNames.WEBHOOK_WORKER)
    ThreadPoolTaskExecutor webhookWorker() {
        return ownedLoop("webhook-worker-");
    }

    /** The bench seeders' slices; each seeder uses as many of these threads as it asks for, at most. */
    @Bean(ExecutorNames.BENCH_SEEDING)
    ThreadPoolTaskExecutor benchSeeding(@Value("${portal.executors.bench-seeding.threads:6}") int threads) {
        return pool("bench-seeder-", threads, Integer.MAX_VALUE);
    }

    private static ThreadPoolTaskExecutor pool(String threadPrefix, int threads, int queue) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setThreadNamePrefix(threadPrefix);
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setQueueCapacity(queue);
        pool.setDaemon(true);
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(10);
        return pool;
    }

    /**
     * A thread for one loop that its owner starts and stops with its own lifecycle: the pool refuses new work once the
     * context closes but leaves the loop running until its owner ends it, and interrupts whatever is left on destroy.
     * A loop started again while the last one still ends waits for it in the queue.
     */
    private static ThreadPoolTaskExecutor ownedLoop(String threadPrefix) {
        ThreadPoolTaskExecutor pool = pool(threadPrefix, 1, 1);
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.setAwaitTerminationSeconds(0);
        return pool;
    }

    /**
     * Work that requests hand over: still accepted while the web server drains its last requests after the context
     * began to close, then dropped (running work interrupted, queued work cancelled) when the pool is destroyed.
     */
    private static ThreadPoolTaskExecutor whileRequestsRun(ThreadPoolTaskExecutor pool) {
        pool.setAcceptTasksAfterContextClose(true);
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.setAwaitTerminationSeconds(0);
        return pool;
    }

    private static RejectedExecutionHandler dropWithWarning(String poolName) {
        return (task, executor) -> log.warn("The {} queue is full: a task was dropped", poolName);
    }
}
