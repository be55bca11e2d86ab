package cn.np700.portal.suspension;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reasons table of one kind of subject, created and owned by the subject's module (which passes its name). A
 * reason is open while {@code open_key} is 1; the unique key on (subject_id, source, source_id, open_key) lets one
 * source hold at most one open reason per subject, settled by the database when two requests race. The owning module
 * counts open reasons on the subject's row in the same transaction; this class never touches that row.
 */
public final class SuspensionLedger {

    private static final String COLUMNS = "id, subject_id, source, source_id, opened_by, why, since, lifted_at, lifted_by, lift_note";

    private final JdbcClient jdbc;
    private final String table;

    public SuspensionLedger(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The new reason's id; empty when the same source already holds an open reason on the subject. */
    public Optional<Long> open(long subjectId, SuspensionSource source, String sourceId, String by, String why, Instant now) {
        String key = sourceId == null ? "" : sourceId;
        int inserted = jdbc.sql("INSERT IGNORE INTO " + table
                        + " (subject_id, source, source_id, opened_by, why, since, open_key) VALUES (?, ?, ?, ?, ?, ?, 1)")
                .params(subjectId, source.name(), key, by, why, Timestamp.from(now)).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return openFrom(subjectId, source, key).map(SuspensionReason::id);
    }

    /** Closes one open reason of the subject; empty when it was not open (lifted already, unknown, or another's). */
    public Optional<SuspensionReason> lift(long subjectId, long reasonId, String by, String note, Instant now) {
        int changed = jdbc.sql("UPDATE " + table + " SET open_key = NULL, lifted_at = ?, lifted_by = ?, lift_note = ? "
                        + "WHERE id = ? AND subject_id = ? AND open_key = 1")
                .params(Timestamp.from(now), by, note, reasonId, subjectId).update();
        if (changed == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?").param(reasonId)
                .query(SuspensionLedger::row).optional();
    }

    /** Closes every open reason of the subjects in a range (their subject leaves: a reclaimed block's numbers). */
    public int liftAll(long firstSubject, long lastSubject, String by, String note, Instant now) {
        return jdbc.sql("UPDATE " + table + " SET open_key = NULL, lifted_at = ?, lifted_by = ?, lift_note = ? "
                        + "WHERE subject_id BETWEEN ? AND ? AND open_key = 1")
                .params(Timestamp.from(now), by, note, firstSubject, lastSubject).update();
    }

    public Optional<SuspensionReason> openFrom(long subjectId, SuspensionSource source, String sourceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE subject_id = ? AND source = ? AND source_id = ? AND open_key = 1")
                .params(subjectId, source.name(), sourceId == null ? "" : sourceId).query(SuspensionLedger::row).optional();
    }

    /** The subjects on which this source holds an open reason. */
    public List<Long> subjectsHeldBy(SuspensionSource source, String sourceId) {
        return jdbc.sql("SELECT subject_id FROM " + table + " WHERE source = ? AND source_id = ? AND open_key = 1 ORDER BY subject_id")
                .params(source.name(), sourceId).query(Long.class).list();
    }

    /** Every reason the subject ever had, open ones first, newest first. */
    public List<SuspensionReason> of(long subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE subject_id = ? ORDER BY open_key IS NULL, id DESC")
                .param(subjectId).query(SuspensionLedger::row).list();
    }

    /** The open reasons of the given subjects, by subject. */
    public Map<Long, List<SuspensionReason>> openOf(Collection<Long> subjectIds) {
        Map<Long, List<SuspensionReason>> bySubject = new LinkedHashMap<>();
        if (subjectIds.isEmpty()) {
            return bySubject;
        }
        String in = String.join(", ", Collections.nCopies(subjectIds.size(), "?"));
        jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE open_key = 1 AND subject_id IN (" + in + ") ORDER BY id")
                .params(List.copyOf(subjectIds)).query(SuspensionLedger::row).list()
                .forEach(r -> bySubject.computeIfAbsent(r.subjectId(), k -> new ArrayList<>()).add(r));
        return bySubject;
    }

    private static SuspensionReason row(ResultSet rs, int n) throws SQLException {
        Timestamp lifted = rs.getTimestamp(8);
        return new SuspensionReason(rs.getLong(1), rs.getLong(2), SuspensionSource.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), lifted == null ? null : lifted.toInstant(),
                rs.getString(9), rs.getString(10));
    }
}
