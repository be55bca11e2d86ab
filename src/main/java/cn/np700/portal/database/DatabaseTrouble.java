package cn.np700.portal.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database is out of reach or too busy to answer in time (down, unreachable, no free
 * connection, a statement or lock wait past its limit, a deadlock or serialization failure that outlasted
 * {@link TransientFailureRetry}) rather than a fault in the request or the code: such a failure is answered 503 with
 * Retry-After, not 500.
 */
public final class DatabaseTrouble {

    /** MariaDB max_statement_time; MySQL max_execution_time; server shutting down. */
    private static final int MARIADB_STATEMENT_TIME = 1969;
    private static final int MYSQL_EXECUTION_TIME = 3024;
    private static final int SERVER_SHUTDOWN = 1053;
    /**
     * A Galera node that is not synced with its cluster (joining, donating, cut off from the majority) refuses every
     * statement with "WSREP has not yet prepared node for application use" (ER_UNKNOWN_COM_ERROR, SQLState 08S01).
     */
    private static final int WSREP_NOT_READY = 1047;

    private DatabaseTrouble() {
    }

    public static boolean isUnavailable(Throwable failure) {
        if (TransientFailure.of(failure).isPresent()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
                    || t instanceof TransientDataAccessResourceException || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            // a statement that ran out of time closes its connection, and the rollback after it then fails too:
            // Spring throws the rollback's failure and keeps the statement's as the application exception
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isUnavailable(rollback.getApplicationException())) {
                return true;
            }
            // a commit whose connection was lost (a database node killed, say) is rolled back on a closed connection:
            // Spring throws the rollback's failure, with no application exception, and only logs the commit's
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() == null
                    && rollback.getCause() instanceof SQLException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                String state = sql.getSQLState();
                if (code == MARIADB_STATEMENT_TIME || code == MYSQL_EXECUTION_TIME
                        || code == SERVER_SHUTDOWN || code == WSREP_NOT_READY || (state != null && state.startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
