package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import cn.np700.portal.database.OneOffStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the binding each reported call belongs to, for a whole batch in one query: a binding on the call's X whose
 * parties are the caller and the callee (AXB), or whose A is one of them (AXN), and which was live at the call's start
 * give or take the carrier's clock skew. The binding the routing answer named (when the record carries it) wins;
 * otherwise the binding live at the start exactly, then the one nearest to it within the skew: a call routed the
 * instant a binding was created, reported with its start cut to whole seconds or by a clock a little behind, still
 * belongs to that binding.
 */
@Component
public class BindingMatches {

    /**
     * How far outside its binding's life a call the routing connected to that binding may be reported to start: the
     * routing answer already vouches for the binding, so only a clock far off, or a stale binding id, is refused.
     */
    static final Duration ROUTED_SLACK = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    BindingMatches(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** {@code routedBinding}: the binding the routing answer named, when the record carries it; else null. */
    public record Call(long x, byte[] caller, byte[] callee, Instant start, Long routedBinding) {
    }

    /** {@code callerIsA}: the call went from the binding's A side (A→B, or A→N in AXN). */
    public record Match(long bindingId, TenantId tenantId, boolean callerIsA) {
    }

    private record Row(long id, TenantId tenantId, long x, BindingMode mode, byte[] a, byte[] b, byte[] n, Instant from,
            Instant until) {
    }

    /** The match of each call by its index in {@code calls}; calls without one are absent. */
    public Map<Integer, Match> match(List<Call> calls, Duration skew) {
        if (calls.isEmpty()) {
            return Map.of();
        }
        Set<Long> xs = new LinkedHashSet<>();
        Set<Long> routed = new LinkedHashSet<>();
        Set<ByteBuffer> seen = new HashSet<>();
        List<byte[]> hashes = new ArrayList<>();
        Instant earliest = calls.get(0).start();
        Instant latest = earliest;
        for (Call call : calls) {
            xs.add(call.x());
            if (call.routedBinding() != null) {
                routed.add(call.routedBinding());
            }
            for (byte[] h : new byte[][] {call.caller(), call.callee()}) {
                if (h != null && seen.add(ByteBuffer.wrap(h))) {
                    hashes.add(h);
                }
            }
            earliest = call.start().isBefore(earliest) ? call.start() : earliest;
            latest = call.start().isAfter(latest) ? call.start() : latest;
        }
        String xIn = String.join(",", xs.stream().map(x -> "?").toList());
        String hIn = String.join(",", hashes.stream().map(h -> "?").toList());
        List<Object> params = new ArrayList<>(xs);
        params.add(Timestamp.from(latest.plus(skew)));
        params.add(Timestamp.from(earliest.minus(skew)));
        params.addAll(hashes);
        params.addAll(hashes);
        String byRouting = orRouted(routed, params);
        List<Row> rows = jdbcTemplate.query(new OneOffStatement("SELECT id, tenant_id, x, mode, a_hash, b_hash, n_hash, created_at, "
                        + "COALESCE(ended_at, expires_at) FROM binding WHERE (x IN (" + xIn + ") AND created_at <= ? "
                        + "AND COALESCE(ended_at, expires_at) > ? AND (a_hash IN (" + hIn + ") OR b_hash IN (" + hIn
                        + ") OR mode = 'AXN'))" + byRouting, params),
                (rs, i) -> new Row(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getLong(3), BindingMode.valueOf(rs.getString(4)),
                        rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()));
        return eachOnItsX(calls, Call::x, rows, (call, candidates) -> best(call, candidates, skew));
    }

    /** {@code " OR id IN (...)"} for the bindings routing answers named, their ids added to {@code params}; or nothing. */
    private static String orRouted(Set<Long> routed, List<Object> params) {
        if (routed.isEmpty()) {
            return "";
        }
        params.addAll(routed);
        return " OR id IN (" + String.join(",", routed.stream().map(id -> "?").toList()) + ")";
    }

    /** What {@code pick} finds for each item among the rows on its X, by the item's index; items it finds none for absent. */
    private static <T, R> Map<Integer, R> eachOnItsX(List<T> items, ToLongFunction<T> x, List<Row> rows,
            BiFunction<T, List<Row>, R> pick) {
        Map<Long, List<Row>> byX = new HashMap<>();
        rows.forEach(r -> byX.computeIfAbsent(r.x(), k -> new ArrayList<>()).add(r));
        Map<Integer, R> found = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            R result = pick.apply(items.get(i), byX.getOrDefault(x.applyAsLong(items.get(i)), List.of()));
            if (result != null) {
                found.put(i, result);
            }
        }
        return found;
    }

    /**
     * A call event the carrier reported: its X, when it happened, and the binding the routing answer named (or null).
     * An event names no parties, so only X and the moment can find its binding.
     */
    public record Moment(long x, Instant at, Long routedBinding) {
    }

    /** The binding (and its tenant) a call event belongs to. */
    public record Holder(long bindingId, TenantId tenantId) {
    }

    /**
     * The binding of each call event by its index, for a whole batch in one query: the binding the routing answer
     * named, on the event's X and live within {@link #ROUTED_SLACK} and the skew of the moment, wins; otherwise the
     * one binding on X live at the moment exactly, or else the one within the skew. When several bindings share X at
     * that moment (AXB parties on one X) the event cannot tell them apart and is left without a match.
     */
    public Map<Integer, Holder> holders(List<Moment> moments, Duration skew) {
        if (moments.isEmpty()) {
            return Map.of();
        }
        Set<Long> xs = new LinkedHashSet<>();
        Set<Long> routed = new LinkedHashSet<>();
        Instant earliest = moments.get(0).at();
        Instant latest = earliest;
        for (Moment moment : moments) {
            xs.add(moment.x());
            if (moment.routedBinding() != null) {
                routed.add(moment.routedBinding());
            }
            earliest = moment.at().isBefore(earliest) ? moment.at() : earliest;
            latest = moment.at().isAfter(latest) ? moment.at() : latest;
        }
        List<Object> params = new ArrayList<>(xs);
        params.add(Timestamp.from(latest.plus(skew)));
        params.add(Timestamp.from(earliest.minus(skew)));
        String byRouting = orRouted(routed, params);
        List<Row> rows = jdbcTemplate.query(new OneOffStatement("SELECT id, tenant_id, x, created_at, "
                        + "COALESCE(ended_at, expires_at) FROM binding WHERE (x IN ("
                        + String.join(",", xs.stream().map(x -> "?").toList()) + ") AND created_at <= ? "
                        + "AND COALESCE(ended_at, expires_at) > ?)" + byRouting, params),
                (rs, i) -> new Row(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getLong(3), null, null, null, null,
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
        return eachOnItsX(moments, Moment::x, rows, (moment, candidates) -> holder(moment, candidates, skew));
    }

    private static Holder holder(Moment moment, List<Row> candidates, Duration skew) {
        List<Row> live = new ArrayList<>();
        List<Row> near = new ArrayList<>();
        for (Row row : candidates) {
            long distance = distance(row, moment.at());
            if (Long.valueOf(row.id()).equals(moment.routedBinding()) && distance <= ROUTED_SLACK.plus(skew).toMillis()) {
                return new Holder(row.id(), row.tenantId());
            }
            if (distance == 0) {
                live.add(row);
            } else if (distance <= skew.toMillis()) {
                near.add(row);
            }
        }
        List<Row> found = live.isEmpty() ? near : live;
        return found.size() == 1 ? new Holder(found.get(0).id(), found.get(0).tenantId()) : null;
    }

    private static Match best(Call call, List<Row> candidates, Duration skew) {
        Match best = null;
        long bestDistance = Long.MAX_VALUE;
        Instant bestFrom = null;
        for (Row row : candidates) {
            Boolean callerIsA = parties(row, call);
            if (callerIsA == null) {
                continue;
            }
            long distance = distance(row, call.start());
            if (Long.valueOf(row.id()).equals(call.routedBinding()) && distance <= ROUTED_SLACK.plus(skew).toMillis()) {
                return new Match(row.id(), row.tenantId(), callerIsA);
            }
            if (distance > skew.toMillis()) {
                continue;
            }
            if (distance < bestDistance || distance == bestDistance && row.from().isAfter(bestFrom)) {
                best = new Match(row.id(), row.tenantId(), callerIsA);
                bestDistance = distance;
                bestFrom = row.from();
            }
        }
        return best;
    }

    /** How far {@code start} lies outside the binding's life [from, until), in milliseconds; 0 inside it. */
    private static long distance(Row row, Instant start) {
        return distance(row.from(), row.until(), start);
    }

    private static long distance(Instant from, Instant until, Instant start) {
        if (start.isBefore(from)) {
            return Duration.between(start, from).toMillis();
        }
        if (!start.isBefore(until)) {
            return Duration.between(until, start).toMillis() + 1;
        }
        return 0;
    }

    /**
     * A binding an operator may link a stored call to: {@code callerIsA} says which way the call went when the call's
     * numbers are the binding's parties, and is null when they are not.
     */
    public record Candidate(long bindingId, TenantId tenantId, BindingMode mode, String orderRef, Instant from, Instant until,
            Boolean callerIsA) {

        public boolean partiesMatch() {
            return callerIsA != null;
        }
    }

    /** Bindings on X that were live within {@code window} of {@code start}, nearest first, at most {@code limit}. */
    public List<Candidate> candidates(long x, byte[] caller, byte[] callee, Instant start, Duration window, int limit) {
        List<Candidate> found = new ArrayList<>(jdbc.sql("SELECT id, tenant_id, x, mode, a_hash, b_hash, n_hash, "
                        + "created_at, COALESCE(ended_at, expires_at), order_ref FROM binding WHERE x = ? "
                        + "AND created_at <= ? AND COALESCE(ended_at, expires_at) > ? ORDER BY created_at DESC LIMIT 200")
                .params(x, Timestamp.from(start.plus(window)), Timestamp.from(start.minus(window)))
                .query((rs, i) -> candidate(rs, new Call(x, caller, callee, start, null)))
                .list());
        found.sort(Comparator.comparingLong((Candidate c) -> distance(c.from(), c.until(), start))
                .thenComparing(Candidate::from, Comparator.reverseOrder()));
        return found.subList(0, Math.min(limit, found.size()));
    }

    /** One binding as a candidate for the call, if it is on the call's X. */
    public Optional<Candidate> candidate(long bindingId, long x, byte[] caller, byte[] callee) {
        return jdbc.sql("SELECT id, tenant_id, x, mode, a_hash, b_hash, n_hash, created_at, "
                        + "COALESCE(ended_at, expires_at), order_ref FROM binding WHERE id = ? AND x = ?")
                .params(bindingId, x)
                .query((rs, i) -> candidate(rs, new Call(x, caller, callee, Instant.EPOCH, null)))
                .optional();
    }

    private static Candidate candidate(ResultSet rs, Call call) throws SQLException {
        Row row = new Row(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getLong(3), BindingMode.valueOf(rs.getString(4)),
                rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant());
        return new Candidate(row.id(), row.tenantId(), row.mode(), rs.getString(10), row.from(), row.until(),
                parties(row, call));
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
