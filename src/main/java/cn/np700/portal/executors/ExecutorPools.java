package cn.np700.portal.executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The portal's thread pools. Each is a {@link ThreadPoolTaskExecutor} bean, so Spring shuts it down with the context
 * and the actuator publishes its {@code executor.*} metrics under the bean's name.
 */
@Configuration(proxyBeanMethods = false)
class ExecutorPools {

    /**
     * Background runs (bulk verification, call record upload, traffic simulation). No queue: a run is claimed only
     * when a worker is free, so that a run waiting here could be taken by another node instead.
     */
    @Bean(ExecutorNames.RUN_WORKERS)
    ThreadPoolTaskExecutor runWorkers(@Value("${portal.runs.workers:4}") int workers) {
        return pool("run-worker-", workers, 0);
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
}
