package cn.np700.portal.database;

import java.sql.SQLException;
import java.util.Optional;
import org.springframework.transaction.TransactionSystemException;

/**
 * The failures a whole transaction may simply be run again for: the database chose it as a deadlock's victim, it
 * waited too long for a row lock, or it could not be serialized. Found anywhere in the cause chain, whichever Spring
 * exception wraps it (a statement's, a savepoint release's or a commit's).
 */
public enum TransientFailure {

    /** MySQL/MariaDB 1213: the transaction was rolled back to break a deadlock. */
    DEADLOCK("deadlock"),
    /** MySQL/MariaDB 1205: innodb_lock_wait_timeout passed waiting for a row lock. */
    LOCK_WAIT_TIMEOUT("lock_wait_timeout"),
    /** SQLState 40001 without either code: a serialization failure. */
    SERIALIZATION("serialization");

    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final String SERIALIZATION_FAILURE = "40001";

    private final String tag;

    TransientFailure(String tag) {
        this.tag = tag;
    }

    /** How it is tagged on {@code portal.db.retries}. */
    public String tag() {
        return tag;
    }

    public static Optional<TransientFailure> of(Throwable failure) {
        // a failed rollback (to a savepoint the deadlock already took away) carries the deadlock as its application
        // exception, not as its cause
        if (failure instanceof TransactionSystemException tse && tse.getApplicationException() != null) {
            Optional<TransientFailure> original = of(tse.getApplicationException());
            if (original.isPresent()) {
                return original;
            }
        }
        TransientFailure found = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                if (sql.getErrorCode() == ER_LOCK_DEADLOCK) {
                    return Optional.of(DEADLOCK);
                }
                if (sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT) {
                    return Optional.of(LOCK_WAIT_TIMEOUT);
                }
                if (SERIALIZATION_FAILURE.equals(sql.getSQLState()) && found == null) {
                    found = SERIALIZATION;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
