package cn.np700.portal.database;

import java.sql.PreparedStatement;
import java.util.List;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlProvider;

/**
 * A statement whose text is made for one call, such as an IN list as long as a batch: prepared on the server and
 * closed after use, never kept in the driver's per-connection statement cache. Kept, each such text (rarely asked
 * again) would hold the server's memory for its thousands of parameters until evicted, up to the cache's 500
 * statements per connection.
 */
public record OneOffStatement(String sql, List<?> params) implements PreparedStatementCreator, SqlProvider {

    @Override
    public PreparedStatement createPreparedStatement(java.sql.Connection connection) throws java.sql.SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        ps.setPoolable(false);
        new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
        return ps;
    }

    @Override
    public String getSql() {
        return sql;
    }
}
