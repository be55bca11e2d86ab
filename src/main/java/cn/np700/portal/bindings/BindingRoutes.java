package cn.np700.portal.bindings;

import cn.np700.portal.bindings.routecache.RouteCache;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.database.RoutingDatabase;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The routing look-up: the {@link RouteCache}'s facts when it has them, else one query by X and the caller's keyed
 * hash over the slots of live bindings, kept until the earliest expiry among its bindings and the caller's blacklist
 * entries. It reads bindings whatever their expiry; the caller decides (an expired binding never connects). It runs
 * on the connections reserved for routing.
 */
@Component
public class BindingRoutes {

    /** A blacklist entry without an expiry, as the look-up reports it (beyond any binding's expiry). */
    private static final Timestamp FOREVER = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private final JdbcClient jdbc;
    private final RouteCache cache;

    BindingRoutes(RoutingDatabase routing, RouteCache cache) {
        this.jdbc = routing.jdbc();
        this.cache = cache;
    }

    public RouteFacts lookUp(long x, byte[] callerHash, Instant now) {
        Optional<RouteFacts> cached = cache.fresh(x, callerHash, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        long stamp = cache.stamp();
        Read read = read(x, callerHash, now);
        cache.offer(stamp, x, callerHash, read.facts(), read.trueUntil(), now);
        return read.facts();
    }

    /** The facts, and until when they hold unless something changes: the earliest expiry they rely on. */
    private record Read(RouteFacts facts, Instant trueUntil) {
    }

    private Read read(long x, byte[] callerHash, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("""
                SELECT p.tenant_id, p.status, t.status, s.party_hash, b.id, b.mode, b.status, b.expires_at, b.direction,
                       b.record_calls, b.a_hash, b.a_cipher, b.b_cipher, b.n_cipher,
                       (SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE COALESCE(MIN(e.expires_at), ?) END
                        FROM blacklist_number e WHERE e.number_hash = ? AND e.removed_at IS NULL
                               AND (e.expires_at IS NULL OR e.expires_at > ?)
                               AND (e.tenant_id IS NULL OR e.tenant_id = p.tenant_id))
                FROM pool_number p
                JOIN tenant_profile t ON t.id = p.tenant_id
                LEFT JOIN binding_slot s ON s.x = p.number AND s.party_hash IN (?, ?)
                LEFT JOIN binding b ON b.id = s.binding_id
                WHERE p.number = ?""")
                .params(FOREVER, callerHash, Timestamp.from(now), callerHash, SealedNumber.ANY_CALLER, x)
                .query(rs -> {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                            rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8), rs.getString(9), rs.getBoolean(10), rs.getBytes(11), rs.getBytes(12),
                            rs.getBytes(13), rs.getBytes(14), rs.getTimestamp(15)});
                });
        if (rows.isEmpty()) {
            return new Read(new RouteFacts(false, null, false, false, false, List.of()), now);
        }
        Object[] first = rows.get(0);
        Instant trueUntil = first[14] == null ? Instant.MAX : ((Timestamp) first[14]).toInstant();
        List<RouteFacts.Candidate> candidates = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[4] == null) {
                continue;
            }
            boolean callerSlot = !Arrays.equals((byte[]) row[3], SealedNumber.ANY_CALLER);
            candidates.add(new RouteFacts.Candidate((Long) row[4], BindingMode.valueOf((String) row[5]),
                    BindingStatus.valueOf((String) row[6]), ((Timestamp) row[7]).toInstant(),
                    Direction.valueOf((String) row[8]), (Boolean) row[9], callerSlot,
                    Arrays.equals((byte[]) row[10], callerHash), (byte[]) row[11], (byte[]) row[12], (byte[]) row[13]));
        }
        candidates.sort((c1, c2) -> Boolean.compare(c2.callerSlot(), c1.callerSlot()));
        for (RouteFacts.Candidate candidate : candidates) {
            trueUntil = candidate.expiresAt().isBefore(trueUntil) ? candidate.expiresAt() : trueUntil;
        }
        return new Read(new RouteFacts(true, TenantId.of((Long) first[0]), "AVAILABLE".equals(first[1]), "ACTIVE".equals(first[2]),
                first[14] != null, candidates), trueUntil);
    }
}
