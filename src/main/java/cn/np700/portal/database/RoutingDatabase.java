package cn.np700.portal.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The connections reserved for the carrier's hot path: the routing look-up and the carrier's credential. A tenant
 * that holds locks or piles up work can exhaust the main pool, never these. Reads only (and the credential's
 * last-used mark), outside any transaction of the main pool.
 */
public final class RoutingDatabase implements AutoCloseable {

    private final BudgetedDataSource pool;
    private final JdbcClient jdbc;

    RoutingDatabase(BudgetedDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
    }

    public JdbcClient jdbc() {
        return jdbc;
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
