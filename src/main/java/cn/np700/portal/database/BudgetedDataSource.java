package cn.np700.portal.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Gives each connection borrowed under a {@link TimeBudget} the rest of that budget as its socket timeout (the
 * driver's own: no thread gives up while the statement runs on). The pool puts the timeout back when the connection
 * returns.
 */
final class BudgetedDataSource extends DelegatingDataSource implements AutoCloseable {

    BudgetedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return budgeted(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return budgeted(super.getConnection(username, password));
    }

    private static Connection budgeted(Connection connection) throws SQLException {
        int timeout = TimeBudget.socketTimeoutMillis();
        if (timeout > 0) {
            try {
                connection.setNetworkTimeout(Runnable::run, timeout);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public void close() {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
