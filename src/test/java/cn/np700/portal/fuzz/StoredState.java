package cn.np700.portal.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of everything the portal stores: per table, its row count and a sum of each row's CRC32, read in one
 * query. Two fingerprints differ when any row was added, removed or changed.
 */
final class StoredState {

    /** Tables that legitimately change while refused requests are served, each with the reason. */
    private static final Set<String> TABLES_LEFT_OUT = Set.of(
            "spring_session", // every browser request may open or touch a session; that is not stored business data
            "spring_session_attributes", // the session's attributes (CSRF token, flash messages) of those sessions
            "shedlock", // the schedulers' lock rows, taken by background jobs on their own timetable
            "audit_chain_head", // moved by the chainer as it links entries committed by anyone (new entries still count)
            "api_refusal", // the log of refused API calls: recording a refusal is the purpose of the table
            "route_rejection", // the log of calls routing refused, written in batches by a background writer
            "route_change", // the routing caches' journal: the expiry job ends bindings on its own timetable (the
                            // binding rows a request might change are still counted)
            "background_run_input"); // a run's input, deleted when a run an earlier test started ends on its own

    /** Columns that change without any request of ours, each with the reason. */
    private static final Set<String> COLUMNS_LEFT_OUT = Set.of(
            "api_key.last_used_at", // each call authenticated by a key stamps its last use (shown to the admin)
            "carrier_client.last_used_at", // the same for the carrier's credential
            "audit_entry.seq", "audit_entry.prev_hash", "audit_entry.hash", // set once by the chainer after commit
            // a background run an earlier test started (a bulk check) goes on: its progress, counts, status, owner and
            // heartbeat move on their own (a new run still shows as a new row, and its lines as rows of their own table)
            "background_run.position", "background_run.counts", "background_run.status", "background_run.exclusive_key",
            "background_run.owner_node", "background_run.heartbeat_at", "background_run.claims", "background_run.updated_at",
            "background_run.finished_at", "background_run.failure",
            "notification_inbox.read_at"); // the reader's own view state: "mark all read" takes no input to malform

    private final JdbcClient jdbc;
    private final String query;

    StoredState(JdbcClient jdbc) {
        this.jdbc = jdbc;
        Map<String, List<String>> columns = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> columns.computeIfAbsent(e.getKey(), t -> new ArrayList<>()).add(e.getValue()));
        List<String> parts = new ArrayList<>();
        columns.forEach((table, names) -> {
            String name = table.toLowerCase();
            if (TABLES_LEFT_OUT.contains(name)) {
                return;
            }
            String row = names.stream().filter(c -> !COLUMNS_LEFT_OUT.contains(name + "." + c.toLowerCase()))
                    .map(c -> "IFNULL(`" + c + "`, '~')").collect(Collectors.joining(", "));
            parts.add("SELECT '" + name + "' AS t, COUNT(*) AS n, COALESCE(SUM(CRC32(CONCAT_WS('#', " + row
                    + "))), 0) AS s FROM `" + table + "`");
        });
        this.query = String.join(" UNION ALL ", parts);
    }

    Map<String, String> read() {
        Map<String, String> state = new LinkedHashMap<>();
        jdbc.sql(query).query((rs, n) -> Map.entry(rs.getString("t"), rs.getLong("n") + "/" + rs.getString("s")))
                .list().forEach(e -> state.put(e.getKey(), e.getValue()));
        return state;
    }

    /** The tables whose fingerprint differs, with both fingerprints. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((table, value) -> {
            if (!value.equals(before.get(table))) {
                changed.add(table + " " + before.get(table) + " -> " + value);
            }
        });
        return changed;
    }
}
