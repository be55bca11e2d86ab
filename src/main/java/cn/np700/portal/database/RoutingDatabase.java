package cn.np700.portal.database;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The connections reserved for the carrier's hot path: the routing look-up and the carrier's credential. A tenant
 * that holds locks or piles up work can exhaust the main pool, never these. Reads only (and the credential's
 * last-used mark), outside any transaction of the main pool.
 */
public final class RoutingDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingDatabase.class);

    private final BudgetedDataSource pool;
    private final JdbcClient jdbc;

    RoutingDatabase(BudgetedDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * Opens the pool, which then fills itself in the background. Hikari opens a pool at its first borrow, and that
     * borrow waits for a connection to be made: the first routed calls after a start would spend their budget on it.
     */
    void open() {
        try (Connection first = pool.getConnection()) {
            log.debug("Routing pool open ({})", first.getMetaData().getURL());
        } catch (SQLException e) {
            // the database is away: the first call opens the pool instead, as it would have without this
            log.warn("Could not open the routing pool ahead of the first call: {}", e.getMessage());
        }
    }

    /** The pool itself, for health to tell how busy it is. */
    BudgetedDataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
