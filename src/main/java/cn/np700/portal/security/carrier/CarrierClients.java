package cn.np700.portal.security.carrier;

import cn.np700.portal.database.RecentReads;
import cn.np700.portal.database.RoutingDatabase;
import cn.np700.portal.security.apikeys.ApiKeys;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Carrier clients: like API keys, a 256-bit secret shown once and kept only as its SHA-256, revocable. */
@Component
public class CarrierClients {

    private static final Logger log = LoggerFactory.getLogger(CarrierClients.class);
    static final String PREFIX = "np700c_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final JdbcClient routingJdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RecentReads<String, Optional<Presented>> remembered = new RecentReads<>(REMEMBERED, 1_000);
    private final Map<Long, Instant> lastMarked = new ConcurrentHashMap<>();

    CarrierClients(JdbcClient jdbc, RoutingDatabase routing, Clock clock) {
        this.jdbc = jdbc;
        this.routingJdbc = routing.jdbc();
        this.clock = clock;
    }

    record Client(long id, String name, String prefix, String allowedCidrs, Instant createdAt, String createdBy,
            Instant revokedAt, Instant lastUsedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    public record Presented(long id, String name, String allowedCidrs, boolean revoked) {
    }

    public record Created(long id, String secret) {
    }

    public Created create(String name, String allowedCidrs, String createdBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return create(name, allowedCidrs, createdBy, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** With a given secret: only the demo data's published credential. */
    public Created create(String name, String allowedCidrs, String createdBy, String secret) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO carrier_client (name, prefix, secret_hash, allowed_cidrs, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(name, secret.substring(0, PREFIX.length() + 6), ApiKeys.hash(secret), allowedCidrs, createdBy,
                        Timestamp.from(clock.instant()))
                .update(key, "id");
        return new Created(key.getKey().longValue(), secret);
    }

    /**
     * The carrier calls on every routed call, so a presented credential is remembered for a few seconds instead of
     * read each time; revoking one forgets them all at once on this node (another node's copy lives at most
     * {@link #REMEMBERED}).
     */
    public Optional<Presented> find(String secret) {
        return remembered.get(ApiKeys.hash(secret), this::read);
    }

    /** On the routing connections: a carrier's call never waits behind the main pool. */
    private Optional<Presented> read(String hash) {
        return routingJdbc.sql("SELECT id, name, allowed_cidrs, revoked_at FROM carrier_client WHERE secret_hash = ?")
                .param(hash)
                .query((rs, n) -> new Presented(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null))
                .optional();
    }

    void markUsed(long id) {
        Instant now = clock.instant();
        Instant marked = lastMarked.get(id);
        if (marked != null && marked.isAfter(now.minus(LAST_USED_PRECISION))) {
            return;
        }
        lastMarked.put(id, now);
        try {
            routingJdbc.sql("UPDATE carrier_client SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                    .params(Timestamp.from(now), id, Timestamp.from(now.minus(LAST_USED_PRECISION))).update();
        } catch (DataAccessException e) {
            // a mark a minute late is no loss; failing the carrier's call for it would be
            log.debug("Could not mark carrier client {} used", id, e);
        }
    }

    List<Client> all() {
        return jdbc.sql("SELECT id, name, prefix, allowed_cidrs, created_at, created_by, revoked_at, last_used_at "
                        + "FROM carrier_client ORDER BY revoked_at IS NOT NULL, created_at DESC")
                .query((rs, n) -> new Client(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))))
                .list();
    }

    public boolean revoke(long id) {
        boolean revoked = jdbc.sql("UPDATE carrier_client SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
        remembered.forgetAll();
        return revoked;
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM carrier_client WHERE id = ?").param(id).query(Long.class).single() == 1;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
