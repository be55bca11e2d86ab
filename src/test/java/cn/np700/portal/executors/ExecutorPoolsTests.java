package cn.np700.portal.executors;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Every pool named in {@link ExecutorNames} is a bean the actuator measures, and defining them costs neither Spring
 * MVC its {@code applicationTaskExecutor} nor the scheduled jobs Boot's scheduler.
 */
@PortalIntegrationTest
class ExecutorPoolsTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyPoolIsANamedSizedBeanWithExecutorMetrics() {
        List<String> names = poolNames();
        assertThat(names).contains(ExecutorNames.AUDIT_CHAINING, ExecutorNames.DATABASE_PROBING,
                ExecutorNames.BUSIEST_NUMBERS_RERANKING, ExecutorNames.CALL_EXPORT_READING,
                ExecutorNames.RISK_REACH_CHECKS, ExecutorNames.BENCH_SEEDING, ExecutorNames.RUN_WORKERS);
        for (String name : names) {
            ThreadPoolTaskExecutor pool = context.getBean(name, ThreadPoolTaskExecutor.class);
            assertThat(pool.getThreadNamePrefix()).as(name).doesNotStartWith(name).endsWith("-");
            assertThat(meters.get("executor.pool.max").tag("name", name).gauge().value()).as(name)
                    .isEqualTo(pool.getMaxPoolSize());
            assertThat(meters.find("executor.active").tag("name", name).gauge()).as(name).isNotNull();
        }
    }

    @Test
    void theLoopsRunOnTheirPools() {
        assertThat(context.getBean(ExecutorNames.AUDIT_CHAINING, ThreadPoolTaskExecutor.class).getActiveCount())
                .isEqualTo(1);
        assertThat(context.getBean(ExecutorNames.DATABASE_PROBING, ThreadPoolTaskExecutor.class).getActiveCount())
                .isEqualTo(1);
    }

    @Test
    void springMvcKeepsBootsApplicationTaskExecutor() {
        Object applicationTaskExecutor = context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
        assertThat(poolNames()).doesNotContain(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
        assertThat(ReflectionTestUtils.getField(context.getBean(RequestMappingHandlerAdapter.class), "taskExecutor"))
                .isSameAs(applicationTaskExecutor);
    }

    @Test
    void scheduledJobsKeepBootsScheduler() {
        assertThat(context.getBeanNamesForType(TaskScheduler.class)).containsExactly("taskScheduler");
    }

    private static List<String> poolNames() {
        return Arrays.stream(ExecutorNames.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ExecutorPoolsTests::value)
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
