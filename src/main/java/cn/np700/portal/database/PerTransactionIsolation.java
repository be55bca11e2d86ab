package cn.np700.portal.database;

import static org.springframework.transaction.TransactionDefinition.ISOLATION_DEFAULT;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_READ_UNCOMMITTED;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_SERIALIZABLE;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.DelegatingTransactionDefinition;

/**
 * The portal's transaction manager: Spring's JDBC one, except for a transaction that asks for an isolation level other
 * than its connection's (the READ COMMITTED of binding creation, call record ingestion, the audit chainer, the webhook
 * ledger). Spring sets such a level with {@code SET SESSION TRANSACTION ISOLATION LEVEL} before the transaction and
 * sets the session's own back after it: two round trips. Here {@code SET TRANSACTION ISOLATION LEVEL}, which holds for
 * the next transaction only, is sent once autocommit is off: one round trip, and nothing to put back. It comes before
 * the transaction's first statement, which is where the server starts the transaction (it refuses SET TRANSACTION in a
 * running one). A transaction that ends before the server started it leaves nothing behind either (see
 * {@link #forgetUnusedLevel}; PerTransactionIsolationTests).
 */
final class PerTransactionIsolation extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(PerTransactionIsolation.class);

    /** The connections of the running transactions that set their own level (by identity: proxies forward equals). */
    private final Set<Connection> levelSet = Collections.newSetFromMap(new IdentityHashMap<>());

    PerTransactionIsolation(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition.getIsolationLevel() == ISOLATION_DEFAULT ? definition
                : new SetForThisTransaction(definition));
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        if (definition instanceof SetForThisTransaction wanted && con.getTransactionIsolation() != wanted.level()) {
            setForNextTransaction(con, wanted.level());
            synchronized (levelSet) {
                levelSet.add(con);
            }
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        forgetUnusedLevel(status);
        super.doCommit(status);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        forgetUnusedLevel(status);
        super.doRollback(status);
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        forget(((JdbcTransactionObjectSupport) transaction).getConnectionHolder().getConnection());
        super.doCleanupAfterCompletion(transaction);
    }

    /**
     * A transaction that ends before the server started one (no statement on a table: the server then skips COMMIT)
     * would leave its level set for the connection's next transaction, whoever runs it: the session's level is set
     * for that one instead. The driver knows from the server's answers whether a transaction started.
     */
    private void forgetUnusedLevel(DefaultTransactionStatus status) {
        Connection con = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection();
        if (!forget(con)) {
            return;
        }
        try {
            if (!serverStartedTransaction(con)) {
                setForNextTransaction(con, con.getTransactionIsolation());
            }
        } catch (SQLException e) {
            // a connection that cannot take a SET is broken: the commit or rollback that follows fails on it as it
            // would have (the failure the caller sees stays the work's own), and the pool drops it
            log.debug("Could not set the session's isolation for the next transaction", e);
        }
    }

    private boolean forget(Connection con) {
        synchronized (levelSet) {
            return levelSet.remove(con);
        }
    }

    private static boolean serverStartedTransaction(Connection con) throws SQLException {
        return con.isWrapperFor(JdbcConnection.class)
                && con.unwrap(JdbcConnection.class).getSession().getServerSession().inTransactionOnServer();
    }

    private static void setForNextTransaction(Connection con, int level) throws SQLException {
        try (Statement statement = con.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL " + name(level));
        }
    }

    private static String name(int level) {
        return switch (level) {
            case ISOLATION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case ISOLATION_READ_COMMITTED -> "READ COMMITTED";
            case ISOLATION_REPEATABLE_READ -> "REPEATABLE READ";
            case ISOLATION_SERIALIZABLE -> "SERIALIZABLE";
            default -> throw new IllegalArgumentException("No isolation level " + level);
        };
    }

    /** The definition as Spring's begin sees it (the connection's isolation), the level wanted kept for this one. */
    private static final class SetForThisTransaction extends DelegatingTransactionDefinition {

        private final int level;

        SetForThisTransaction(TransactionDefinition definition) {
            super(definition);
            this.level = definition.getIsolationLevel();
        }

        int level() {
            return level;
        }

        @Override
        public int getIsolationLevel() {
            return ISOLATION_DEFAULT;
        }
    }
}
