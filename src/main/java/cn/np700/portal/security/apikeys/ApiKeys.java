package cn.np700.portal.security.apikeys;

import cn.np700.portal.database.RecentReads;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantStatusChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * API keys: a random 256-bit secret shown once and stored only as its SHA-256 (a hash suffices: unlike a password,
 * the secret cannot be guessed), looked up together with its tenant's status, and remembered for {@link #REMEMBERED}
 * so that a busy key is not read on every request.
 */
@Component
public class ApiKeys {

    public static final String PREFIX = "np700_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Instant> lastMarked = new ConcurrentHashMap<>();
    private final RecentReads<String, Optional<Presented>> remembered = new RecentReads<>(REMEMBERED, 10_000);

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Key(long id, TenantId tenantId, String name, String prefix, String allowedCidrs, Instant createdAt,
            String createdBy, Instant revokedAt, Instant lastUsedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    public record Presented(long id, TenantId tenantId, String name, String allowedCidrs, boolean revoked, boolean tenantActive) {
    }

    public record Created(long id, String secret) {
    }

    public Created create(TenantId tenant, String name, String allowedCidrs, String createdBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return create(tenant, name, allowedCidrs, createdBy, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** With a secret chosen by the caller: only the benchmark's data set, whose load generator must know it. */
    public Created create(TenantId tenant, String name, String allowedCidrs, String createdBy, String secret) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_key (tenant_id, name, prefix, secret_hash, allowed_cidrs, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(tenant, name, secret.substring(0, PREFIX.length() + 6), hash(secret), allowedCidrs, createdBy,
                        Timestamp.from(clock.instant()))
                .update(key, "id");
        remembered.forgetAll();
        return new Created(key.getKey().longValue(), secret);
    }

    /**
     * Revoking a key or changing its tenant's status forgets every key at once on this node; another node answers from
     * its copy for at most {@link #REMEMBERED}.
     */
    public Optional<Presented> find(String secret) {
        return remembered.get(hash(secret), this::read);
    }

    private Optional<Presented> read(String hash) {
        return jdbc.sql("SELECT k.id, k.tenant_id, k.name, k.allowed_cidrs, k.revoked_at, t.status FROM api_key k "
                        + "JOIN tenant_profile t ON t.id = k.tenant_id WHERE k.secret_hash = ?")
                .param(hash)
                .query((rs, n) -> new Presented(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) != null, "ACTIVE".equals(rs.getString(6))))
                .optional();
    }

    /**
     * At most one write a minute per key, so a busy key does not turn every call into an UPDATE (nor, on this node,
     * into a statement at all).
     */
    void markUsed(long id, TenantId tenant) {
        Instant now = clock.instant();
        Instant marked = lastMarked.get(id);
        if (marked != null && marked.isAfter(now.minus(LAST_USED_PRECISION))) {
            return;
        }
        lastMarked.put(id, now);
        jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ? AND tenant_id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(Timestamp.from(now), id, tenant, Timestamp.from(now.minus(LAST_USED_PRECISION))).update();
    }

    /** Kept for the risk rule on refused calls, which may mean a key passed on to someone else. */
    void recordRefusal(TenantId tenant, long keyId, String address) {
        jdbc.sql("INSERT INTO api_refusal (tenant_id, key_id, client_ip, at) VALUES (?, ?, ?, ?)")
                .params(tenant, keyId, address == null ? "" : address, Timestamp.from(clock.instant())).update();
    }

    List<Key> ofTenant(TenantId tenant) {
        return jdbc.sql("SELECT id, tenant_id, name, prefix, allowed_cidrs, created_at, created_by, revoked_at, last_used_at "
                        + "FROM api_key WHERE tenant_id = ? ORDER BY revoked_at IS NOT NULL, created_at DESC")
                .param(tenant)
                .query((rs, n) -> new Key(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9))))
                .list();
    }

    /** Revokes the tenant's own key; false when it is not the tenant's or already revoked. */
    public boolean revoke(TenantId tenant, long id) {
        boolean revoked = jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), id, tenant).update() == 1;
        remembered.forgetAll();
        return revoked;
    }

    /** A suspended or terminated tenant's keys stop at once on this node, a reactivated tenant's work again. */
    @EventListener
    void on(TenantStatusChanged change) {
        remembered.forgetAll();
    }

    boolean exists(TenantId tenant, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE id = ? AND tenant_id = ?").params(id, tenant)
                .query(Long.class).single() == 1;
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
