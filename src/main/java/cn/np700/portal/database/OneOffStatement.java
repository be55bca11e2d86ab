package cn.np700.portal.database;

import com.mysql.cj.QueryInfo;
import com.mysql.cj.jdbc.ClientPreparedStatement;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlProvider;

/**
 * A statement whose text is made for one call, such as an IN list as long as a batch, or a multi-row INSERT: sent
 * as one text query with its values written in by the driver (Connector/J's client-side statement), and kept in no
 * per-connection cache. Prepared on the server for its one execution it cost a round trip, the server's prepare and,
 * in the portal, one metadata packet read per parameter (thousands for a batch); kept in the driver's statement cache,
 * each such text (rarely asked again) would hold the server's memory for its parameters until evicted, up to 500
 * statements per connection. {@code clientPrepareStatement} is not used either: under {@code cachePrepStmts} it keeps
 * the parse of every text up to {@code prepStmtCacheSqlLimit} characters (an IN list of 2,500 marks is 5,000), about
 * a byte array per parameter, 500 texts per connection, in the portal's heap.
 */
public record OneOffStatement(String sql, List<?> params) implements PreparedStatementCreator, SqlProvider {

    @Override
    public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
        PreparedStatement ps = prepare(connection, sql);
        new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
        return ps;
    }

    /** The statement for {@code sql} as {@link OneOffStatement} makes it, its parameters to be set by the caller. */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return prepare(connection, sql, driver -> null);
    }

    /** The driver's parse of a statement's text made without reading the text, or null to have the text parsed. */
    public interface Parse {
        QueryInfo of(JdbcConnection driver) throws SQLException;
    }

    /** As {@link #prepare(Connection, String)}, with the driver's parse of {@code sql} from {@code parse} when it has one. */
    public static PreparedStatement prepare(Connection connection, String sql, Parse parse) throws SQLException {
        PreparedStatement ps;
        if (connection.isWrapperFor(JdbcConnection.class)) {
            // what the driver's clientPrepareStatement does, without its cache of parsed texts
            JdbcConnection driver = connection.unwrap(JdbcConnection.class);
            String text = driver.nativeSQL(sql);
            QueryInfo parsed = parse.of(driver);
            ps = parsed == null ? new ClientPreparedStatement(driver.getMultiHostSafeProxy(), text, driver.getDatabase())
                    : new ClientPreparedStatement(driver.getMultiHostSafeProxy(), text, driver.getDatabase(), parsed);
        } else {
            ps = connection.prepareStatement(sql);
        }
        ps.setPoolable(false);
        return ps;
    }

    @Override
    public String getSql() {
        return sql;
    }
}
