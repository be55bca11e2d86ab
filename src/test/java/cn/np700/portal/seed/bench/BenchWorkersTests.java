package cn.np700.portal.seed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The bench seeders' slices: each once, on no more threads than asked for, and a failure fails the seeding. */
class BenchWorkersTests {

    ThreadPoolTaskExecutor pool;
    BenchWorkers workers;

    @BeforeEach
    void pool() {
        pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(6);
        pool.setMaxPoolSize(6);
        pool.setThreadNamePrefix("bench-seeder-test-");
        pool.initialize();
        workers = new BenchWorkers(pool);
    }

    @AfterEach
    void shutDown() {
        pool.shutdown();
    }

    @Test
    void everySliceRunsOnceOnAtMostTheThreadsAskedFor() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();

        workers.run(2, 50, slice -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (!seen.add(slice)) {
                duplicates.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            running.decrementAndGet();
        });

        assertThat(seen).hasSize(50).allMatch(s -> s >= 0 && s < 50);
        assertThat(duplicates).hasValue(0);
        assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
        assertThat(threads).hasSizeLessThanOrEqualTo(2).allMatch(name -> name.startsWith("bench-seeder-test-"));
    }

    @Test
    void aFailingSliceFailsTheSeedingWithItsCause() {
        assertThatThrownBy(() -> workers.run(4, 10, slice -> {
            if (slice == 3) {
                throw new IllegalArgumentException("slice three broke");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("bench seeding failed: slice three broke")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
