package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database's unavailability (503) and which are not (the request's or the code's). */
class DatabaseTroubleTests {

    @Test
    void noConnectionALostConnectionALockWaitPastItsLimitAndAnOutlastingDeadlockAreUnavailability() {
        assertThat(DatabaseTrouble.isUnavailable(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("timed out")))).isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new RecoverableDataAccessException("read timed out"))).isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new CannotAcquireLockException("lock",
                new SQLException("Lock wait timeout exceeded", "40001", 1205)))).isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new RuntimeException(new SQLException("gone", "08S01", 0)))).isTrue();
        // what is left of a deadlock once its retries are spent is busyness, not a fault of the request
        assertThat(DatabaseTrouble.isUnavailable(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    }

    /** As a Galera node answers while it joins or has lost the majority, whatever SQLState a proxy or driver gives it. */
    @Test
    void aGaleraNodeNotReadyForApplicationsIsUnavailability() {
        assertThat(DatabaseTrouble.isUnavailable(new UncategorizedSQLException("statement", "SELECT 1", new SQLException(
                "WSREP has not yet prepared node for application use", "HY000", 1047)))).isTrue();
    }

    @Test
    void aRollbackThatFailedAfterATimedOutStatementIsUnavailability() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new RecoverableDataAccessException("read timed out"));
        assertThat(DatabaseTrouble.isUnavailable(rollback)).isTrue();

        TransactionSystemException plain = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        plain.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseTrouble.isUnavailable(plain)).isFalse();
    }

    /** Galera node 1 killed under load (NodeLossOnGaleraTests): the commit lost its connection, the rollback failed. */
    @Test
    void aRollbackThatFailedAfterACommitLostItsConnectionIsUnavailability() {
        assertThat(DatabaseTrouble.isUnavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aDuplicateOrABugIsNot() {
        assertThat(DatabaseTrouble.isUnavailable(new DuplicateKeyException("dup",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(DatabaseTrouble.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
