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
import org.springframework.stereotype.Component;

/** Carrier clients: like API keys, a 256-bit secret shown once and kept only as its SHA-256, revocable. */
@Component
public class CarrierClients {

    private static final Logger log = LoggerFactory.getLogger(CarrierClients.class);
    static final String PREFIX = "np700c_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final CarrierClientRecords records;
    // hand-written on the routing pool: every carrier call reads or marks its credential, and must not wait on the main pool
    private final JdbcClient routingJdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RecentReads<String, Optional<Presented>> remembered = new RecentReads<>(REMEMBERED, 1_000);
    private final Map<Long, Instant> lastMarked = new ConcurrentHashMap<>();

    CarrierClients(CarrierClientRecords records, RoutingDatabase routing, Clock clock) {
        this.records = records;
        this.routingJdbc = routing.jdbc();
        this.clock = clock;
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
        CarrierClient client = records.save(CarrierClient.register(name, secret.substring(0, PREFIX.length() + 6),
                ApiKeys.hash(secret), allowedCidrs, createdBy, clock.instant()));
        return new Created(client.id(), secret);
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

    List<CarrierClient> all() {
        return records.listed();
    }

    public boolean revoke(long id) {
        boolean revoked = records.revoke(id, clock.instant());
        remembered.forgetAll();
        return revoked;
    }

    boolean exists(long id) {
        return records.existsById(id);
    }

    public boolean named(String name) {
        return records.existsByName(name);
    }
}
