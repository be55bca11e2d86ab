package cn.np700.portal.database;

import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled jobs take a ShedLock row first, so with several nodes each run happens on one of them. Each run gives up
 * on a database silent for {@link #JOB_SILENCE_LIMIT} ({@link TimeBudget#silenceLimit}): on Java 17 the jobs share one
 * scheduler thread, and one job stuck on a hung server would otherwise stop the others (the route rejections' flush
 * among them) until TCP gives up.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulingConfiguration {

    static final Duration JOB_SILENCE_LIMIT = Duration.ofMinutes(10);

    @Bean
    ThreadPoolTaskSchedulerCustomizer jobsGiveUpOnASilentDatabase() {
        return scheduler -> scheduler.setTaskDecorator(SchedulingConfiguration::withinSilenceLimit);
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer virtualJobsGiveUpOnASilentDatabase() {
        return scheduler -> scheduler.setTaskDecorator(SchedulingConfiguration::withinSilenceLimit);
    }

    static Runnable withinSilenceLimit(Runnable job) {
        return () -> {
            try (TimeBudget ignored = TimeBudget.silenceLimit(JOB_SILENCE_LIMIT)) {
                job.run();
            }
        };
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new org.springframework.jdbc.core.JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
