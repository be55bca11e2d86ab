package cn.np700.portal.bindings;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the binding each reported call belongs to, for a whole batch in one query: a binding on the call's X, live at
 * the call's start, whose parties are the caller and the callee (AXB), or whose A is one of them (AXN).
 */
@Component
public class BindingMatches {

    private final JdbcClient jdbc;

    BindingMatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Call(long x, byte[] caller, byte[] callee, Instant start) {
    }

    /** {@code callerIsA}: the call went from the binding's A side (A→B, or A→N in AXN). */
    public record Match(long bindingId, long tenantId, boolean callerIsA) {
    }

    private record Row(long id, long tenantId, long x, BindingMode mode, byte[] a, byte[] b, byte[] n, Instant from,
            Instant until) {
    }

    /** The match of each call by its index in {@code calls}; calls without one are absent. */
    public Map<Integer, Match> match(List<Call> calls) {
        if (calls.isEmpty()) {
            return Map.of();
        }
        Set<Long> xs = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<byte[]> hashes = new ArrayList<>();
        Instant earliest = calls.get(0).start();
        Instant latest = earliest;
        for (Call call : calls) {
            xs.add(call.x());
            for (byte[] h : new byte[][] {call.caller(), call.callee()}) {
                if (h != null && seen.add(Arrays.toString(h))) {
                    hashes.add(h);
                }
            }
            earliest = call.start().isBefore(earliest) ? call.start() : earliest;
            latest = call.start().isAfter(latest) ? call.start() : latest;
        }
        String xIn = String.join(",", xs.stream().map(x -> "?").toList());
        String hIn = String.join(",", hashes.stream().map(h -> "?").toList());
        List<Object> params = new ArrayList<>(xs);
        params.add(Timestamp.from(latest));
        params.add(Timestamp.from(earliest));
        params.addAll(hashes);
        params.addAll(hashes);
        List<Row> rows = jdbc.sql("SELECT id, tenant_id, x, mode, a_hash, b_hash, n_hash, created_at, "
                        + "COALESCE(ended_at, expires_at) FROM binding WHERE x IN (" + xIn + ") AND created_at <= ? "
                        + "AND COALESCE(ended_at, expires_at) > ? AND (a_hash IN (" + hIn + ") OR b_hash IN (" + hIn
                        + ") OR mode = 'AXN')")
                .params(params)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), BindingMode.valueOf(rs.getString(4)),
                        rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()))
                .list();
        Map<Long, List<Row>> byX = new HashMap<>();
        rows.forEach(r -> byX.computeIfAbsent(r.x(), k -> new ArrayList<>()).add(r));
        Map<Integer, Match> matches = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Match best = null;
            Instant bestFrom = null;
            for (Row row : byX.getOrDefault(call.x(), List.of())) {
                if (row.from().isAfter(call.start()) || !row.until().isAfter(call.start())) {
                    continue;
                }
                Boolean callerIsA = parties(row, call);
                if (callerIsA != null && (bestFrom == null || row.from().isAfter(bestFrom))) {
                    best = new Match(row.id(), row.tenantId(), callerIsA);
                    bestFrom = row.from();
                }
            }
            if (best != null) {
                matches.put(i, best);
            }
        }
        return matches;
    }

    /** Whether the call went from A (true) or to A (false), or null when it is not between this binding's parties. */
    private static Boolean parties(Row row, Call call) {
        boolean callerA = Arrays.equals(row.a(), call.caller());
        boolean calleeA = Arrays.equals(row.a(), call.callee());
        if (row.mode() == BindingMode.AXB) {
            if (callerA && Arrays.equals(row.b(), call.callee())) {
                return true;
            }
            return calleeA && Arrays.equals(row.b(), call.caller()) ? Boolean.FALSE : null;
        }
        if (callerA) {
            return true;
        }
        return calleeA ? Boolean.FALSE : null;
    }
}
