package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import com.mysql.cj.jdbc.ClientPreparedStatement;
import com.mysql.cj.jdbc.ServerPreparedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;

/**
 * {@link OneOffStatement} sends its text with the values written in by the driver, prepared neither on the server nor
 * from a parse the driver keeps: it finds the rows a server-side prepared statement finds for the same IN lists,
 * whatever the values (bytes a literal would have to escape, quotes, backslashes, non-ASCII text, extreme numbers,
 * times a microsecond either side of a stored one, fractions finer than a microsecond).
 */
@PortalIntegrationTest
class OneOffStatementTests {

    private static final Instant AT = Instant.parse("2026-11-23T08:00:00.123456Z");

    @Autowired
    DataSource dataSource;

    @Test
    void findsTheRowsAServerPreparedStatementFinds() throws SQLException {
        List<byte[]> hashes = List.of(awkwardBytes(0), awkwardBytes(5), new byte[0], new byte[] {0}, new byte[] {'\''});
        List<String> texts = List.of("it's", "back\\slash", "\"quoted\"", "通话 😀", "", "?", "%_", "-- /* */");
        List<Long> ids = List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 42L);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE one_off_rows (id BIGINT PRIMARY KEY, at DATETIME(6) NOT NULL, "
                    + "h VARBINARY(64), t VARCHAR(40) CHARACTER SET utf8mb4)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO one_off_rows VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < ids.size() * 3; i++) {
                    insert.setLong(1, i < ids.size() ? ids.get(i) : 1000 + i);
                    insert.setTimestamp(2, Timestamp.from(AT.plusNanos((i % 5 - 2) * 1_000L)));
                    insert.setBytes(3, hashes.get(i % hashes.size()));
                    insert.setString(4, texts.get(i % texts.size()));
                    insert.executeUpdate();
                }
            }
            int compared = 0;
            for (long offsetNanos : new long[] {-2_000, -1_000, -1, 0, 1, 999, 1_000, 1_001, 2_500}) {
                for (int take = 1; take <= hashes.size(); take += 2) {
                    List<Object> params = new ArrayList<>(ids);
                    params.add(Timestamp.from(AT.plusNanos(offsetNanos)));
                    params.add(Timestamp.from(AT.minusNanos(offsetNanos)));
                    params.addAll(hashes.subList(0, take));
                    params.addAll(texts.subList(0, take));
                    String sql = "SELECT id FROM one_off_rows WHERE (id IN (" + marks(ids.size()) + ") AND at <= ? OR at = ?) "
                            + "AND (h IN (" + marks(take) + ") OR t IN (" + marks(take) + ")) ORDER BY id";
                    List<Long> server = serverPrepared(c, sql, params);
                    assertThat(ids(new OneOffStatement(sql, params).createPreparedStatement(c)))
                            .as("offset %d ns, %d of each list", offsetNanos, take).isEqualTo(server);
                    compared += server.size();
                }
            }
            assertThat(compared).as("the lists found rows to compare").isGreaterThan(100);
            s.execute("DROP TEMPORARY TABLE one_off_rows");
        }
    }

    @Test
    void isPreparedNeitherOnTheServerNorFromAParseTheDriverKeeps() throws SQLException {
        String sql = "SELECT COUNT(*) FROM tenant WHERE id IN (" + marks(300) + ") /* " + System.nanoTime() + " */";
        List<Long> params = Collections.nCopies(300, 1L);
        try (Connection c = dataSource.getConnection()) {
            long prepared = ServerPreparedStatementTests.status(c, "Com_stmt_prepare");
            List<Object> parses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement ps = new OneOffStatement(sql, params).createPreparedStatement(c)) {
                    assertThat(ps.isWrapperFor(ServerPreparedStatement.class)).isFalse();
                    parses.add(ps.unwrap(ClientPreparedStatement.class).getQueryInfo());
                    ps.executeQuery().close();
                }
            }
            assertThat(ServerPreparedStatementTests.status(c, "Com_stmt_prepare") - prepared).as("statements prepared on the server").isZero();
            assertThat(parses.get(1)).as("the second statement's parse, not the first one kept").isNotSameAs(parses.get(0));
        }
    }

    private static List<Long> serverPrepared(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setPoolable(false);
        assertThat(ps.isWrapperFor(ServerPreparedStatement.class)).as("the reference is prepared on the server").isTrue();
        new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
        return ids(ps);
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ps; ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static byte[] awkwardBytes(int from) {
        int[] awkward = {0, '\'', '\\', '"', 0x1a, '\n', '\r', 0xff, 0x80, '%', '_', '?'};
        byte[] bytes = new byte[32];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) awkward[(b + from) % awkward.length];
        }
        return bytes;
    }

    private static String marks(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }
}
