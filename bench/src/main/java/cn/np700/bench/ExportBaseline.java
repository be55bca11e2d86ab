package cn.np700.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The export's database work over JDBC, on one connection as the portal's export has: the same keyset chunks of 2,000
 * rows (CallRecordQueries.older with the operator's time range) with every column read, and the orderRef look-up of
 * each chunk's bindings (BindingDirectory.orderRefs). No CSV is written: what is left is what the database allows.
 */
public final class ExportBaseline {

    static final int CHUNK = 2_000;

    static final String COLUMNS = """
            id, call_id, tenant_id, binding_id, match_status, x, caller_masked, callee_masked, call_type, direction,
            start_time, ring_time, answer_time, release_time, duration_seconds, release_cause, release_side, result,
            recording_ref, received_at, reviewed_at, reviewed_by""";

    static final String FIRST = "SELECT " + COLUMNS + " FROM call_record WHERE start_time >= ? AND start_time < ?"
            + " ORDER BY start_time DESC, id DESC LIMIT ?";
    static final String NEXT = "SELECT " + COLUMNS + " FROM call_record WHERE start_time >= ? AND start_time < ?"
            + " AND start_time <= ? AND (start_time < ? OR id < ?) ORDER BY start_time DESC, id DESC LIMIT ?";

    /** Rows read and seconds taken. */
    public record Outcome(long rows, double seconds) {

        public double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    private ExportBaseline() {
    }

    public static Outcome run(Database db, Instant from, Instant to) throws SQLException {
        long started = System.nanoTime();
        long rows = 0;
        try (Connection c = db.connect();
                PreparedStatement first = c.prepareStatement(FIRST);
                PreparedStatement next = c.prepareStatement(NEXT)) {
            first.setTimestamp(1, Timestamp.from(from));
            first.setTimestamp(2, Timestamp.from(to));
            first.setInt(3, CHUNK);
            Chunk chunk = read(c, first);
            rows += chunk.rows;
            while (chunk.rows == CHUNK) {
                next.setTimestamp(1, Timestamp.from(from));
                next.setTimestamp(2, Timestamp.from(to));
                next.setTimestamp(3, chunk.lastStart);
                next.setTimestamp(4, chunk.lastStart);
                next.setLong(5, chunk.lastId);
                next.setInt(6, CHUNK);
                chunk = read(c, next);
                rows += chunk.rows;
            }
        }
        return new Outcome(rows, (System.nanoTime() - started) / 1e9);
    }

    private record Chunk(int rows, Timestamp lastStart, long lastId) {
    }

    private static Chunk read(Connection c, PreparedStatement query) throws SQLException {
        int rows = 0;
        Timestamp lastStart = null;
        long lastId = 0;
        Set<Long> bindings = new LinkedHashSet<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                lastId = rs.getLong("id");
                rs.getString("call_id");
                rs.getObject("tenant_id", Long.class);
                Long binding = rs.getObject("binding_id", Long.class);
                if (binding != null) {
                    bindings.add(binding);
                }
                rs.getString("match_status");
                rs.getLong("x");
                rs.getString("caller_masked");
                rs.getString("callee_masked");
                rs.getString("call_type");
                rs.getString("direction");
                lastStart = rs.getTimestamp("start_time");
                rs.getTimestamp("ring_time");
                rs.getTimestamp("answer_time");
                rs.getTimestamp("release_time");
                rs.getInt("duration_seconds");
                rs.getObject("release_cause", Integer.class);
                rs.getString("release_side");
                rs.getString("result");
                rs.getString("recording_ref");
                rs.getTimestamp("received_at");
                rs.getTimestamp("reviewed_at");
                rs.getString("reviewed_by");
                rows++;
            }
        }
        if (!bindings.isEmpty()) {
            String in = String.join(", ", java.util.Collections.nCopies(bindings.size(), "?"));
            try (PreparedStatement refs = c.prepareStatement(
                    "SELECT id, order_ref FROM binding WHERE order_ref IS NOT NULL AND id IN (" + in + ")")) {
                int i = 1;
                for (long id : bindings) {
                    refs.setLong(i++, id);
                }
                try (ResultSet rs = refs.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getString(2);
                    }
                }
            }
        }
        return new Chunk(rows, lastStart, lastId);
    }
}
