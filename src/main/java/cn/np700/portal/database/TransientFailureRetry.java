package cn.np700.portal.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one retry policy for writes: a whole transaction that failed with a deadlock (1213), a lock wait timeout
 * (1205) or a serialization failure (SQLState 40001) runs again, after a pause drawn at random below a ceiling that
 * starts at {@code portal.db.retry.initial-backoff} and doubles up to {@code max-backoff}, at most
 * {@code max-attempts} times in all. Any other failure, a business refusal included, passes through at once.
 * <p>
 * Only a whole transaction can be run again: the policy starts it ({@link #inTransaction}) or wraps a call that does
 * ({@link #call}, {@link RetryOnTransientFailure}). Called inside a transaction already running, it runs the work once:
 * that transaction is doomed by the failure and only its own outermost caller may retry it.
 * <p>
 * A request's {@link TimeBudget} bounds it: no pause runs past the budget, and after a lock wait timeout no attempt
 * starts unless a session lock wait and a half ({@code portal.db.pool.lock-wait-timeout}) are left: an attempt that
 * waits again does more than wait, and on a loaded machine its wait overruns (HeldLockTests saw 6 s answers under a
 * 5 s budget when one lock wait was the margin). It then gives up and the
 * failure goes on (503 for a request). Each retry and give-up is counted on {@value #METER}, tagged with the
 * failure's kind and the outcome.
 */
@Component
public final class TransientFailureRetry {

    static final String METER = "portal.db.retries";

    private static final Logger log = LoggerFactory.getLogger(TransientFailureRetry.class);

    /** Work that is (or starts) a whole transaction. */
    @FunctionalInterface
    public interface Work<T, E extends Throwable> {
        T run() throws E;
    }

    enum Outcome {
        /** one more attempt after a pause */
        RETRIED("retried"),
        /** an attempt after at least one retry succeeded */
        RECOVERED("recovered"),
        /** every attempt failed */
        EXHAUSTED("exhausted"),
        /** the request's time budget left no room for another attempt */
        OUT_OF_TIME("out_of_time");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final RetryProperties settings;
    private final Duration lockWaitTimeout;
    private final Map<TransientFailure, Map<Outcome, Counter>> counters = new EnumMap<>(TransientFailure.class);

    TransientFailureRetry(RetryProperties settings, DatabasePoolProperties pools, MeterRegistry meters) {
        this.settings = settings;
        this.lockWaitTimeout = pools.pool().lockWaitTimeout();
        for (TransientFailure kind : TransientFailure.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder(METER)
                        .description("Transactions run again after a deadlock, lock wait timeout or serialization failure, "
                                + "and the ones given up")
                        .tag("kind", kind.tag()).tag("outcome", outcome.tag).register(meters));
            }
            counters.put(kind, byOutcome);
        }
    }

    /** Runs {@code work} in a transaction of {@code tx}, the whole transaction again after a transient failure. */
    public <T> T inTransaction(TransactionTemplate tx, TransactionCallback<T> work) {
        return call(() -> tx.execute(work));
    }

    public void inTransactionWithoutResult(TransactionTemplate tx, Consumer<TransactionStatus> work) {
        call(() -> {
            tx.executeWithoutResult(work);
            return null;
        });
    }

    /**
     * Runs {@code work}, which must be a whole transaction (it starts and commits its own: a TransactionTemplate, a
     * {@code @Transactional} method called from outside), again after a transient failure.
     */
    public <T, E extends Throwable> T call(Work<T, E> work) throws E {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.run();
        }
        TransientFailure lastKind = null;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.run();
                if (lastKind != null) {
                    count(lastKind, Outcome.RECOVERED);
                }
                return result;
            } catch (Throwable failure) {
                Optional<TransientFailure> kind = TransientFailure.of(failure);
                if (kind.isEmpty()) {
                    throw failure;
                }
                lastKind = kind.get();
                if (attempt >= settings.maxAttempts()) {
                    count(lastKind, Outcome.EXHAUSTED);
                    log.warn("Gave up after {} attempts on a {}: {}", attempt, lastKind.tag(), failure.toString());
                    throw failure;
                }
                Duration pause = pause(attempt);
                if (!timeFor(lastKind, pause)) {
                    count(lastKind, Outcome.OUT_OF_TIME);
                    log.warn("Gave up after {} attempts on a {}, the request's time budget left no room for another",
                            attempt, lastKind.tag());
                    throw failure;
                }
                count(lastKind, Outcome.RETRIED);
                log.debug("Attempt {} met a {}; running the transaction again in {} ms", attempt, lastKind.tag(),
                        pause.toMillis());
                if (!sleep(pause)) {
                    throw failure;
                }
            }
        }
    }

    /** Full jitter: at random between nothing and a ceiling that doubles with each attempt, up to the maximum. */
    Duration pause(int attempt) {
        long max = settings.maxBackoff().toNanos();
        long ceiling = settings.initialBackoff().toNanos();
        for (int i = 1; i < attempt && ceiling < max; i++) {
            ceiling = Math.min(max, ceiling * 2);
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private boolean timeFor(TransientFailure kind, Duration pause) {
        Duration left = TimeBudget.remaining();
        if (left == null) {
            return true;
        }
        Duration afterPause = left.minus(pause);
        if (afterPause.isNegative() || afterPause.isZero()) {
            return false;
        }
        // another lock wait timeout would outlast the budget: 503 now rather than at the budget
        return kind != TransientFailure.LOCK_WAIT_TIMEOUT
                || afterPause.compareTo(lockWaitTimeout.plus(lockWaitTimeout.dividedBy(2))) >= 0;
    }

    /** False when interrupted: the work is then not run again. */
    private static boolean sleep(Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void count(TransientFailure kind, Outcome outcome) {
        counters.get(kind).get(outcome).increment();
    }
}
