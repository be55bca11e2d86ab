package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What each kind of work gets as its connections' socket timeout, and that nothing stays on the thread. */
class TimeBudgetTests {

    @Test
    void aRequestGetsWhatIsLeftOfItsBudgetAndAtLeastTheFloor() {
        try (TimeBudget ignored = TimeBudget.start(Duration.ofSeconds(5))) {
            assertThat(TimeBudget.socketTimeoutMillis()).isBetween(4_900, 5_000);
            try (TimeBudget inner = TimeBudget.start(Duration.ofSeconds(60))) {
                assertThat(TimeBudget.remaining()).as("the earlier deadline holds").isLessThanOrEqualTo(Duration.ofSeconds(5));
            }
        }
        try (TimeBudget spent = TimeBudget.start(Duration.ZERO)) {
            assertThat(TimeBudget.socketTimeoutMillis()).isEqualTo((int) TimeBudget.FLOOR_MILLIS);
        }
        assertThat(TimeBudget.remaining()).isNull();
        assertThat(TimeBudget.socketTimeoutMillis()).isZero();
    }

    @Test
    void aScheduledJobHasNoDeadlineButGivesUpOnASilentDatabase() {
        AtomicInteger seen = new AtomicInteger(-1);
        SchedulingConfiguration.withinSilenceLimit(() -> {
            seen.set(TimeBudget.socketTimeoutMillis());
            assertThat(TimeBudget.remaining()).as("no deadline: the retry policy may go on").isNull();
            try (TimeBudget flush = TimeBudget.start(Duration.ofSeconds(10))) {
                assertThat(TimeBudget.socketTimeoutMillis()).as("a deadline inside a job").isBetween(9_900, 10_000);
            }
        }).run();
        assertThat(seen.get()).isEqualTo((int) SchedulingConfiguration.JOB_SILENCE_LIMIT.toMillis());
        assertThat(TimeBudget.socketTimeoutMillis()).as("nothing left on the thread").isZero();
    }
}
