package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal's connections prepare a statement on the server once and then only execute it (STATEMENT_SETTINGS):
 * counted by the server itself. An external test database (PORTAL_TEST_DB_URL) needs the same driver settings.
 */
@PortalIntegrationTest
class ServerPreparedStatementTests {

    @Autowired
    DataSource dataSource;

    @Test
    void aStatementIsPreparedOnTheServerOnceAndThenOnlyExecuted() throws SQLException {
        // a text no connection has prepared before, so the driver's statement cache cannot already hold it
        String sql = "SELECT COUNT(*) FROM tenant WHERE id > ? /* " + UUID.randomUUID() + " */";
        try (Connection c = dataSource.getConnection()) {
            long prepared = status(c, "Com_stmt_prepare");
            long executed = status(c, "Com_stmt_execute");
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, i);
                    s.executeQuery().close();
                }
            }
            assertThat(status(c, "Com_stmt_prepare") - prepared).isEqualTo(1);
            assertThat(status(c, "Com_stmt_execute") - executed).isEqualTo(3);
        }
    }

    static long status(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
