package cn.np700.portal.bindings;

import cn.np700.portal.bindings.routecache.RouteCache;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.database.RoutingDatabase;
import cn.np700.portal.scope.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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

    /** Slots read per page of the start-up preload. */
    private static final int PRELOAD_PAGE = 1_000;

    private final JdbcClient jdbc;
    /** The main pool's, for the preload: its pages outlast the routing pool's statement limit on a cold database. */
    private final JdbcClient pages;
    private final RouteCache cache;
    private final Clock clock;

    BindingRoutes(RoutingDatabase routing, JdbcClient pages, RouteCache cache, Clock clock) {
        this.jdbc = routing.jdbc();
        this.pages = pages;
        this.cache = cache;
        this.clock = clock;
    }

    /** How many numbers the routing cache keeps at most. */
    public long cacheCapacity() {
        return cache.capacity();
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

    /**
     * Fills the cache at start-up with the answers to every caller of the live bindings, X after X, until
     * {@code numbers} numbers are read: a carrier's calls repeat on bindings that exist, and each would otherwise pay
     * its first call's look-up. Read in pages of about {@value #PRELOAD_PAGE} slots, each page's facts offered under a
     * stamp taken before it was read, so a change made meanwhile drops them as it drops a missed call's (the AXN's
     * callers other than A are unknown until they call, and are not preloaded). Answers the numbers read.
     */
    public int preload(int numbers) {
        int read = 0;
        long after = 0;
        while (read < numbers) {
            Long last = pages.sql("SELECT MAX(x) FROM (SELECT x FROM binding_slot WHERE x > ? ORDER BY x LIMIT ?) page")
                    .params(after, PRELOAD_PAGE).query(Long.class).optional().orElse(null);
            if (last == null) {
                break;
            }
            long stamp = cache.stamp();
            Instant now = clock.instant();
            List<Row> rows = pages.sql(COLUMNS.formatted("s.party_hash") + """
                    JOIN binding_slot s ON s.x = p.number
                    JOIN binding b ON b.id = s.binding_id
                    WHERE p.number > ? AND p.number <= ? ORDER BY p.number""")
                    .params(FOREVER, Timestamp.from(now), after, last).query(BindingRoutes::row).list();
            int from = 0;
            for (int i = 1; i <= rows.size() && read < numbers; i++) {
                if (i == rows.size() || rows.get(i).x() != rows.get(from).x()) {
                    offerCallers(stamp, rows.subList(from, i), now);
                    read++;
                    from = i;
                }
            }
            after = last;
        }
        return read;
    }

    /** Every caller with a slot of its own on one X: its own slot's binding, and an AXN's any-caller slot. */
    private void offerCallers(long stamp, List<Row> rowsOfX, Instant now) {
        for (Row caller : rowsOfX) {
            if (Arrays.equals(caller.partyHash(), SealedNumber.ANY_CALLER)) {
                continue;
            }
            List<Row> rows = rowsOfX.stream().filter(row -> row == caller
                    || Arrays.equals(row.partyHash(), SealedNumber.ANY_CALLER)).toList();
            Read read = facts(rows, caller.partyHash(), caller.blacklistedUntil(), now);
            cache.offer(stamp, caller.x(), caller.partyHash(), read.facts(), read.trueUntil(), now);
        }
    }

    /** The facts, and until when they hold unless something changes: the earliest expiry they rely on. */
    private record Read(RouteFacts facts, Instant trueUntil) {
    }

    /** One slot of X (or none: {@code partyHash} and the binding's columns null) with X's own state. */
    private record Row(long x, TenantId tenantId, String numberStatus, String tenantStatus, byte[] partyHash,
            Long bindingId, String mode, String status, Timestamp expiresAt, String direction, boolean record,
            byte[] aHash, byte[] aCipher, byte[] bCipher, byte[] nCipher, Timestamp blacklistedUntil) {
    }

    /** The look-up's columns; {@code %s} is the caller's hash the blacklist is asked about. */
    private static final String COLUMNS = """
            SELECT p.number, p.tenant_id, p.status, t.status, s.party_hash, b.id, b.mode, b.status, b.expires_at,
                   b.direction, b.record_calls, b.a_hash, b.a_cipher, b.b_cipher, b.n_cipher,
                   (SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE COALESCE(MIN(e.expires_at), ?) END
                    FROM blacklist_number e WHERE e.number_hash = %s AND e.removed_at IS NULL
                           AND (e.expires_at IS NULL OR e.expires_at > ?)
                           AND (e.tenant_id IS NULL OR e.tenant_id = p.tenant_id))
            FROM pool_number p
            JOIN tenant_profile t ON t.id = p.tenant_id
            """;

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getBytes(5),
                rs.getObject(6) == null ? null : rs.getLong(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9),
                rs.getString(10), rs.getBoolean(11), rs.getBytes(12), rs.getBytes(13), rs.getBytes(14),
                rs.getBytes(15), rs.getTimestamp(16));
    }

    private Read read(long x, byte[] callerHash, Instant now) {
        List<Row> rows = jdbc.sql(COLUMNS.formatted("?") + """
                LEFT JOIN binding_slot s ON s.x = p.number AND s.party_hash IN (?, ?)
                LEFT JOIN binding b ON b.id = s.binding_id
                WHERE p.number = ?""")
                .params(FOREVER, callerHash, Timestamp.from(now), callerHash, SealedNumber.ANY_CALLER, x)
                .query(BindingRoutes::row).list();
        if (rows.isEmpty()) {
            return new Read(new RouteFacts(false, null, false, false, false, List.of()), now);
        }
        return facts(rows, callerHash, rows.get(0).blacklistedUntil(), now);
    }

    private static Read facts(List<Row> rows, byte[] callerHash, Timestamp blacklistedUntil, Instant now) {
        Row first = rows.get(0);
        Instant trueUntil = blacklistedUntil == null ? Instant.MAX : blacklistedUntil.toInstant();
        List<RouteFacts.Candidate> candidates = new ArrayList<>();
        for (Row row : rows) {
            if (row.bindingId() == null) {
                continue;
            }
            boolean callerSlot = !Arrays.equals(row.partyHash(), SealedNumber.ANY_CALLER);
            candidates.add(new RouteFacts.Candidate(row.bindingId(), BindingMode.valueOf(row.mode()),
                    BindingStatus.valueOf(row.status()), row.expiresAt().toInstant(),
                    Direction.valueOf(row.direction()), row.record(), callerSlot,
                    Arrays.equals(row.aHash(), callerHash), row.aCipher(), row.bCipher(), row.nCipher()));
        }
        candidates.sort((c1, c2) -> Boolean.compare(c2.callerSlot(), c1.callerSlot()));
        for (RouteFacts.Candidate candidate : candidates) {
            trueUntil = candidate.expiresAt().isBefore(trueUntil) ? candidate.expiresAt() : trueUntil;
        }
        return new Read(new RouteFacts(true, first.tenantId(), "AVAILABLE".equals(first.numberStatus()),
                "ACTIVE".equals(first.tenantStatus()), blacklistedUntil != null, candidates), trueUntil);
    }
}
