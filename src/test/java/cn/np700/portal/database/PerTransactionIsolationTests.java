package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_DEFAULT;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.RecordedStatements;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions run at the isolation they ask for, set for that transaction alone: a READ COMMITTED one (binding
 * creation, call record ingestion, the audit chainer, the webhook ledger: all through the application's transaction
 * manager) sees a row another connection commits while it runs; one that asks nothing, or REPEATABLE READ, does not;
 * and the next transaction on the same connection is back at the session's REPEATABLE READ, however the READ
 * COMMITTED one ended. One round trip fewer than Spring's own manager, which sets the session's level and back.
 */
@PortalIntegrationTest
class PerTransactionIsolationTests {

    private static final String TABLE = "isolation_scratch";

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void scratchTable() {
        jdbc.sql("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY) ENGINE=InnoDB").update();
    }

    @AfterEach
    void dropIt() {
        jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
    }

    @Test
    void theApplicationsTransactionsRunAtTheIsolationTheyAskFor() {
        assertThat(transactions).isInstanceOf(PerTransactionIsolation.class);
        assertThat(seesARowCommittedMidway(transactions, dataSource, ISOLATION_READ_COMMITTED)).isTrue();
        assertThat(seesARowCommittedMidway(transactions, dataSource, ISOLATION_DEFAULT)).isFalse();
        assertThat(seesARowCommittedMidway(transactions, dataSource, ISOLATION_REPEATABLE_READ)).isFalse();
    }

    @Test
    void aReadCommittedTransactionLeavesItsConnectionAtTheSessionsLevel() throws SQLException {
        try (Connection one = dataSource.getConnection()) {
            SingleConnectionDataSource onlyOne = new SingleConnectionDataSource(one, true);
            PerTransactionIsolation onOne = new PerTransactionIsolation(onlyOne);

            assertThat(seesARowCommittedMidway(onOne, onlyOne, ISOLATION_READ_COMMITTED)).isTrue();
            assertThat(seesARowCommittedMidway(onOne, onlyOne, ISOLATION_DEFAULT)).as("after a READ COMMITTED one")
                    .isFalse();

            readCommitted(onOne).executeWithoutResult(status -> { });
            assertThat(seesARowCommittedMidway(onOne, onlyOne, ISOLATION_DEFAULT))
                    .as("after a READ COMMITTED one committed before its first statement").isFalse();

            readCommitted(onOne).executeWithoutResult(status -> status.setRollbackOnly());
            assertThat(seesARowCommittedMidway(onOne, onlyOne, ISOLATION_DEFAULT))
                    .as("after a READ COMMITTED one rolled back before its first statement").isFalse();

            readCommitted(onOne).executeWithoutResult(status -> {
                JdbcClient.create(onlyOne).sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single();
                status.setRollbackOnly();
            });
            assertThat(seesARowCommittedMidway(onOne, onlyOne, ISOLATION_DEFAULT))
                    .as("after a READ COMMITTED one rolled back after its first statement").isFalse();
            assertThat(sessionIsolation(one)).isEqualTo("REPEATABLE-READ");
        }
    }

    @Test
    void itSetsTheIsolationInOneRoundTripWhereSpringsManagerTakesTwo() throws SQLException {
        try (Connection one = dataSource.getConnection()) {
            SingleConnectionDataSource onlyOne = new SingleConnectionDataSource(one, true);
            // autocommit off, the isolation, the SELECT, COMMIT, autocommit on
            assertThat(roundTripsOfOneSelect(new PerTransactionIsolation(onlyOne), onlyOne, one)).isEqualTo(5);
            // the same with the session's isolation set before and set back after
            assertThat(roundTripsOfOneSelect(new JdbcTransactionManager(onlyOne), onlyOne, one)).isEqualTo(6);
        }
    }

    private static TransactionTemplate readCommitted(PlatformTransactionManager manager) {
        TransactionTemplate tx = new TransactionTemplate(manager);
        tx.setIsolationLevel(ISOLATION_READ_COMMITTED);
        return tx;
    }

    /** Whether the transaction's second read sees a row committed by another connection after its first read. */
    private boolean seesARowCommittedMidway(PlatformTransactionManager manager, DataSource transactional, int isolation) {
        int id = ids.incrementAndGet();
        TransactionTemplate tx = new TransactionTemplate(manager);
        tx.setIsolationLevel(isolation);
        Boolean seen = tx.execute(status -> {
            JdbcClient inside = JdbcClient.create(transactional);
            // the first read: a REPEATABLE READ transaction reads from here on what was committed by now
            inside.sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single();
            committedByAnotherConnection(id);
            return inside.sql("SELECT COUNT(*) FROM " + TABLE + " WHERE id = ?").param(id).query(Long.class).single() == 1;
        });
        return Boolean.TRUE.equals(seen);
    }

    private void committedByAnotherConnection(int id) {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("INSERT INTO " + TABLE + " (id) VALUES (" + id + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long roundTripsOfOneSelect(PlatformTransactionManager manager, DataSource transactional, Connection one)
            throws SQLException {
        long before = RecordedStatements.questions(one);
        readCommitted(manager).executeWithoutResult(status ->
                JdbcClient.create(transactional).sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single());
        // less one: the second read of the counter counts itself
        return RecordedStatements.questions(one) - before - 1;
    }

    private static String sessionIsolation(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet level = statement.executeQuery("SELECT @@SESSION.tx_isolation")) {
            level.next();
            return level.getString(1);
        }
    }
}
