package cn.np700.portal.calls.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import com.mysql.cj.jdbc.ClientPreparedStatement;
import com.mysql.cj.jdbc.ServerPreparedStatement;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link MultiRowInsert} sends its statement as text with the values written in by the driver: the rows it stores
 * are the rows a server-side prepared statement (the portal's other statements, and this one before) stores for the
 * same values, byte for byte: awkward bytes, quotes, backslashes, non-ASCII text, nulls and fractions of a second.
 */
@PortalIntegrationTest
class MultiRowInsertTests {

    private static final String COLUMNS = "call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, "
            + "caller_hash, caller_masked, callee_cipher, callee_hash, callee_masked, call_type, direction, start_time, "
            + "ring_time, answer_time, release_time, duration_seconds, release_cause, release_side, result, recording_ref, "
            + "received_at, ingest_id)";
    private static final MultiRowInsert INSERT = new MultiRowInsert(COLUMNS, 24, "ON DUPLICATE KEY UPDATE call_id = call_id");

    @Autowired
    JdbcTemplate jdbc;

    record Values(String callId, boolean nulls) {
    }

    private static int bind(PreparedStatement ps, int i, Values v) throws java.sql.SQLException {
        byte[] awkward = new byte[64];
        for (int b = 0; b < awkward.length; b++) {
            awkward[b] = (byte) new int[] {0, '\'', '\\', '"', 0x1a, '\n', '\r', 0xff, 0x80, '%', '_', '?'}[b % 12];
        }
        byte[] hash = new byte[32];
        for (int b = 0; b < hash.length; b++) {
            hash[b] = (byte) (b * 37 - 128);
        }
        Instant start = Instant.parse("2026-11-23T08:00:00.123456789Z");
        ps.setString(i++, v.callId());
        ps.setObject(i++, null);
        ps.setObject(i++, v.nulls() ? null : 4242L);
        ps.setString(i++, "MATCHED");
        ps.setLong(i++, 700_1234_5678_9012L);
        ps.setBytes(i++, awkward);
        ps.setBytes(i++, hash);
        ps.setString(i++, "138****5678");
        ps.setBytes(i++, v.nulls() ? null : awkward);
        ps.setBytes(i++, v.nulls() ? null : hash);
        ps.setString(i++, v.nulls() ? null : "139****0000");
        ps.setString(i++, "VOICE");
        ps.setString(i++, "A_TO_B");
        ps.setTimestamp(i++, Timestamp.from(start));
        ps.setTimestamp(i++, v.nulls() ? null : Timestamp.from(start.plusMillis(999)));
        ps.setTimestamp(i++, v.nulls() ? null : Timestamp.from(start.plusNanos(1_000)));
        ps.setTimestamp(i++, Timestamp.from(start.plusSeconds(86_400 * 40)));
        ps.setInt(i++, 59);
        ps.setObject(i++, v.nulls() ? null : 16);
        ps.setString(i++, v.nulls() ? null : "CALLER");
        ps.setString(i++, "ANSWERED");
        ps.setString(i++, v.nulls() ? null : "rec/it's a \\ \"quote\" 通话录音 ? -- /* */ 😀.wav");
        ps.setTimestamp(i++, Timestamp.from(Instant.parse("2026-11-23T08:05:00.654321987Z")));
        ps.setLong(i++, Long.MAX_VALUE);
        return i;
    }

    @Test
    void storesWhatAServerPreparedStatementStores() {
        String prefix = "mri-" + System.nanoTime() + "-";
        for (boolean nulls : new boolean[] {false, true}) {
            Values prepared = new Values(prefix + "prepared-" + nulls, nulls);
            boolean serverSide = jdbc.execute((ConnectionCallback<Boolean>) connection -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + COLUMNS + " VALUES ("
                        + "?, ".repeat(23) + "?)")) {
                    bind(ps, 1, prepared);
                    ps.executeUpdate();
                    return ps.isWrapperFor(ServerPreparedStatement.class);
                }
            });
            assertThat(serverSide).as("the reference row went through a server-side prepared statement").isTrue();
            Values first = new Values(prefix + "multi-a-" + nulls, nulls);
            Values second = new Values(prefix + "multi-b-" + nulls, nulls);
            INSERT.insert(jdbc, List.of(first, second), MultiRowInsertTests::bind);

            Map<String, Object> expected = row(prepared.callId());
            assertThat(expected).isNotEmpty();
            assertThat(row(first.callId())).as("nulls " + nulls).isEqualTo(expected);
            assertThat(row(second.callId())).as("nulls " + nulls).isEqualTo(expected);
        }
        jdbc.update("DELETE FROM call_record WHERE call_id LIKE ?", prefix + "%");
    }

    @Test
    void buildsEachStatementFromOneParseOfARowNotFromItsText() {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement two = INSERT.statement(connection, "INSERT INTO " + COLUMNS + " VALUES (two rows)", 2);
                    PreparedStatement three = INSERT.statement(connection, "INSERT INTO " + COLUMNS + " VALUES (three)", 3)) {
                byte[][] ofTwo = two.unwrap(ClientPreparedStatement.class).getQueryInfo().getStaticSqlParts();
                byte[][] ofThree = three.unwrap(ClientPreparedStatement.class).getQueryInfo().getStaticSqlParts();
                assertThat(ofTwo.length).isEqualTo(2 * 24 + 1);
                assertThat(ofThree.length).isEqualTo(3 * 24 + 1);
                assertThat(ofThree[1]).as("the text between a row's first two marks, of the one parse").isSameAs(ofTwo[1]);
            }
            return null;
        });
    }

    /** Every column but the ids, binary ones in hex (arrays do not compare by content in a map). */
    private Map<String, Object> row(String callId) {
        Map<String, Object> row = new LinkedHashMap<>(jdbc.queryForMap("SELECT * FROM call_record WHERE call_id = ?", callId));
        row.remove("id");
        row.remove("call_id");
        row.replaceAll((column, value) -> value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
        return row;
    }
}
