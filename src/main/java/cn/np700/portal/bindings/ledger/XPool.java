package cn.np700.portal.bindings.ledger;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.numbers.NumberSeats;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tenant's usage numbers as candidate X, picked by one read of its pool against the live slots; their
 * live-binding counters belong to the numbers module and move there ({@link NumberSeats}).
 */
@Component
class XPool {

    private final JdbcClient jdbc;
    private final NumberSeats seats;

    XPool(JdbcClient jdbc, NumberSeats seats) {
        this.jdbc = jdbc;
        this.seats = seats;
    }

    /** X as the tenant holds it; empty when the tenant does not hold it. */
    Optional<BindingLedger.XState> state(TenantId tenantId, long x) {
        return jdbc.sql("SELECT status, live_bindings, exclusive_binding FROM pool_number WHERE number = ? AND tenant_id = ?")
                .params(x, tenantId)
                .query((rs, n) -> new BindingLedger.XState(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
    }

    /**
     * Up to {@code limit} available numbers with room for one more pair (for AXN: no binding at all) where no given
     * real number is on a live binding yet. The scan starts at a random point of the tenant's pool, so concurrent
     * creations spread over many X instead of queueing on one row, and wraps round to the pool's first number: both
     * halves in one statement, each stopping at the limit, the start computed in it from the pool's range (MIN and
     * MAX are read off the index end, and with the fraction as a parameter the server plans both halves as ranges).
     * <p>
     * The slot check is an anti-join rather than {@code NOT EXISTS}: MariaDB plans that subquery as a materialisation
     * of every live slot (a full scan of binding_slot per creation), while the join probes the slot key of each
     * candidate in pool order and stops at the limit. The index is named because MariaDB otherwise estimates the range
     * in all three of pool_number's indexes on every call: at a million numbers a tenant that planning took several
     * times longer than running the scan, and was where concurrent creations spent most of their time in the database.
     * (tenant, status, number) is also the one index that stays right when a tenant's blocks are far apart.
     */
    List<Long> candidates(TenantId tenantId, BindingMode mode, List<byte[]> partyHashes, int maxPairs, Instant now, int limit) {
        List<Object> half = halfParams(tenantId, mode, partyHashes, maxPairs, now, limit);
        List<Object> params = new ArrayList<>(half);
        params.addAll(half);
        // the halves' rows (at most twice the limit) are put in order here: ordering the union in the statement made
        // the server materialise it in a temporary table and sort it, a third of the scan's time there
        return jdbc.sql("(" + half(mode, partyHashes.size(), ">=") + ") UNION ALL (" + half(mode, partyHashes.size(), "<") + ")")
                .params(params).query((rs, n) -> new Candidate(rs.getInt(2), rs.getLong(1))).list().stream()
                .sorted(Comparator.comparingInt(Candidate::part).thenComparingLong(Candidate::number))
                .limit(limit).map(Candidate::number).toList();
    }

    /** A number found by the scan, and the half that found it: 0 from the random start on, 1 the wrap-round. */
    private record Candidate(int part, long number) {
    }

    private static String half(BindingMode mode, int parties, String fromStart) {
        String room = mode == BindingMode.AXN ? "p.live_bindings = 0" : "p.exclusive_binding = FALSE AND p.live_bindings < ?";
        return "SELECT p.number, " + (">=".equals(fromStart) ? 0 : 1) + " AS part FROM pool_number p FORCE INDEX (ix_pool_tenant_status) "
                + "LEFT JOIN binding_slot s ON s.x = p.number AND s.party_hash IN ("
                + String.join(", ", Collections.nCopies(parties, "?")) + ") AND s.expires_at > ? "
                + "WHERE p.tenant_id = ? AND p.status = 'AVAILABLE' AND p.number " + fromStart
                + " (SELECT MIN(number) + FLOOR(? * (MAX(number) - MIN(number) + 1)) FROM pool_number WHERE tenant_id = ?) AND "
                + room + " AND s.x IS NULL ORDER BY p.number LIMIT ?";
    }

    /** Both halves start at the same random fraction of the pool's range. */
    private static List<Object> halfParams(TenantId tenantId, BindingMode mode, List<byte[]> partyHashes, int maxPairs,
            Instant now, int limit) {
        List<Object> params = new ArrayList<>(partyHashes);
        params.addAll(List.of(Timestamp.from(now), tenantId, ThreadLocalRandom.current().nextDouble(), tenantId));
        if (mode == BindingMode.AXB) {
            params.add(maxPairs);
        }
        params.add(limit);
        return params;
    }

    /** One more live binding on X, if the tenant holds it, it is available and it has room. */
    boolean take(long x, TenantId tenantId, BindingMode mode, int maxPairs) {
        return mode == BindingMode.AXN ? seats.takeWhole(x, tenantId) : seats.takeShared(x, tenantId, maxPairs);
    }

    void giveBack(long x, TenantId holder) {
        seats.giveBack(x, holder);
    }
}
