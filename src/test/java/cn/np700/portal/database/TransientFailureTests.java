package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are transient, however Spring wrapped them: at a statement, at a savepoint's release and at commit
 * (errors the real database raises are in {@link TransientFailureRetryTests}).
 */
class TransientFailureTests {

    private static SQLException deadlock() {
        return new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
    }

    @Test
    void aDeadlockIsFoundWhereverSpringWrappedIt() {
        assertThat(TransientFailure.of(new CannotAcquireLockException("statement", deadlock())))
                .contains(TransientFailure.DEADLOCK);
        assertThat(TransientFailure.of(new TransactionSystemException("Could not commit JDBC transaction", deadlock())))
                .contains(TransientFailure.DEADLOCK);
        assertThat(TransientFailure.of(new TransactionSystemException("Could not explicitly release JDBC savepoint",
                new RuntimeException("wrapped", deadlock())))).contains(TransientFailure.DEADLOCK);
    }

    @Test
    void aDeadlockThatTookTheSavepointAwayIsFoundBehindTheFailedRollback() {
        TransactionSystemException rollbackToSavepoint = new TransactionSystemException(
                "Could not roll back to JDBC savepoint", new SQLException("SAVEPOINT does not exist", "42000", 1305));
        rollbackToSavepoint.initApplicationException(new CannotAcquireLockException("insert", deadlock()));
        assertThat(TransientFailure.of(rollbackToSavepoint)).contains(TransientFailure.DEADLOCK);
        assertThat(TransientFailure.of(new TransactionSystemException("Could not roll back to JDBC savepoint",
                new SQLException("SAVEPOINT does not exist", "42000", 1305)))).isEmpty();
    }

    @Test
    void aLockWaitTimeoutAndASerializationFailureAreTransient() {
        assertThat(TransientFailure.of(new UncategorizedSQLException("update", "UPDATE t",
                new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205))))
                .contains(TransientFailure.LOCK_WAIT_TIMEOUT);
        assertThat(TransientFailure.of(new SQLException("could not serialize access", "40001", 0)))
                .contains(TransientFailure.SERIALIZATION);
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(TransientFailure.of(new DuplicateKeyException("insert",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isEmpty();
        assertThat(TransientFailure.of(new IllegalStateException("business refusal"))).isEmpty();
        assertThat(TransientFailure.of(new SQLException("Table doesn't exist", "42S02", 1146))).isEmpty();
    }

    @Test
    void aTransientFailureThatOutlastedTheRetriesIsTheDatabaseBeingBusyNotAFault() {
        assertThat(DatabaseTrouble.isUnavailable(new CannotAcquireLockException("statement", deadlock()))).isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new TransactionSystemException("commit",
                new SQLException("could not serialize access", "40001", 0)))).isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new DuplicateKeyException("insert",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
    }

    @Test
    void aDeadlockReportedAtCommitRunsTheWholeWorkAgainUpToTheLimit() {
        TransientFailureRetry retry = new TransientFailureRetry(new RetryProperties(3, Duration.ofMillis(1),
                Duration.ofMillis(2)), new DatabasePoolProperties(null, null), new SimpleMeterRegistry());
        AtomicInteger runs = new AtomicInteger();

        assertThat(retry.call(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new TransactionSystemException("Could not commit JDBC transaction", deadlock());
            }
            return "committed";
        })).isEqualTo("committed");
        assertThat(runs).hasValue(3);

        runs.set(0);
        assertThatThrownBy(() -> retry.call(() -> {
            runs.incrementAndGet();
            throw new TransactionSystemException("Could not commit JDBC transaction", deadlock());
        })).isInstanceOf(TransactionSystemException.class);
        assertThat(runs).hasValue(3);
    }

    @Test
    void pausesGrowUpToTheirCeiling() {
        TransientFailureRetry retry = new TransientFailureRetry(new RetryProperties(10, Duration.ofMillis(20),
                Duration.ofMillis(500)), new DatabasePoolProperties(null, null), new SimpleMeterRegistry());
        for (int i = 0; i < 200; i++) {
            assertThat(retry.pause(1)).isBetween(Duration.ZERO, Duration.ofMillis(20));
            assertThat(retry.pause(3)).isBetween(Duration.ZERO, Duration.ofMillis(80));
            assertThat(retry.pause(9)).isBetween(Duration.ZERO, Duration.ofMillis(500));
        }
    }
}
