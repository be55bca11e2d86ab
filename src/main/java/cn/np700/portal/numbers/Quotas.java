package cn.np700.portal.numbers;

import cn.np700.portal.database.RecentReads;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each tenant's quotas: its own overrides (NULL = platform default), the defaults, and the blocks it holds. */
@Service
public class Quotas {

    /** How long another node may still create bindings under a tenant's quotas as they were before a change. */
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final NumberSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RecentReads<TenantId, QuotaOverrides> limits = new RecentReads<>(REMEMBERED, 10_000);

    Quotas(JdbcClient jdbc, NumberSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    public TenantQuota of(TenantId tenantId) {
        return quota(tenantId, overrides(tenantId));
    }

    /**
     * The quotas for a hot path that needs the limits only (a binding's creation): the overrides as read at most
     * {@link #REMEMBERED} ago, so {@link TenantQuota#blocksHeld()} may be as old. A change on this node applies at once.
     */
    public TenantQuota limitsOf(TenantId tenantId) {
        return quota(tenantId, limits.get(tenantId, this::overrides));
    }

    private TenantQuota quota(TenantId tenantId, QuotaOverrides own) {
        NumberSettings.QuotaLimits d = settings.defaults();
        return new TenantQuota(tenantId,
                or(own.maxBlocks(), d.maxBlocks()),
                or(own.maxActiveBindings(), d.maxActiveBindings()),
                or(own.maxNewBindingsPerDay(), d.maxNewBindingsPerDay()),
                or(own.maxPairsPerX(), d.maxPairsPerX()),
                own.maxBindingLifetimeMinutes() == null ? d.maxBindingLifetime()
                        : Duration.ofMinutes(own.maxBindingLifetimeMinutes()),
                or(own.maxBPerAPerDay(), d.maxBPerAPerDay()),
                own.blocksHeld());
    }

    /** A tenant without a row yet (none of its quotas set, no block ever taken) has every default and holds nothing. */
    public QuotaOverrides overrides(TenantId tenantId) {
        return jdbc.sql("""
                SELECT max_blocks, max_active_bindings, max_new_bindings_per_day, max_pairs_per_x,
                       max_binding_lifetime_minutes, max_b_per_a_per_day, blocks_held
                FROM tenant_quota WHERE tenant_id = ?""")
                .param(tenantId)
                .query((rs, n) -> new QuotaOverrides(
                        (Integer) rs.getObject(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getInt(7)))
                .optional()
                .orElseGet(() -> new QuotaOverrides(null, null, null, null, null, null, 0));
    }

    @RetryOnTransientFailure
    @Transactional
    public void change(TenantId tenantId, QuotaOverrides wanted) {
        ensureRow(tenantId);
        QuotaOverrides before = overrides(tenantId);
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "maxBlocks", before.maxBlocks(), wanted.maxBlocks());
        diff(changes, "maxActiveBindings", before.maxActiveBindings(), wanted.maxActiveBindings());
        diff(changes, "maxNewBindingsPerDay", before.maxNewBindingsPerDay(), wanted.maxNewBindingsPerDay());
        diff(changes, "maxPairsPerX", before.maxPairsPerX(), wanted.maxPairsPerX());
        diff(changes, "maxBindingLifetimeMinutes", before.maxBindingLifetimeMinutes(), wanted.maxBindingLifetimeMinutes());
        diff(changes, "maxBPerAPerDay", before.maxBPerAPerDay(), wanted.maxBPerAPerDay());
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE tenant_quota SET max_blocks = ?, max_active_bindings = ?, max_new_bindings_per_day = ?,
                       max_pairs_per_x = ?, max_binding_lifetime_minutes = ?, max_b_per_a_per_day = ?, updated_at = ?
                WHERE tenant_id = ?""")
                .params(wanted.maxBlocks(), wanted.maxActiveBindings(), wanted.maxNewBindingsPerDay(),
                        wanted.maxPairsPerX(), wanted.maxBindingLifetimeMinutes(), wanted.maxBPerAPerDay(),
                        Timestamp.from(clock.instant()), tenantId)
                .update();
        limits.forgetAll();
        events.publishEvent(NumbersAudit.of("QUOTA_CHANGED", "TENANT", tenantId.toString(), tenantId, changes));
    }

    /**
     * Takes {@code blocks} more blocks against the quota in one conditional UPDATE, so that concurrent approvals can
     * never together pass it; false when they would.
     */
    public boolean takeBlocks(TenantId tenantId, int blocks) {
        ensureRow(tenantId);
        return jdbc.sql("""
                UPDATE tenant_quota SET blocks_held = blocks_held + ?
                WHERE tenant_id = ? AND blocks_held + ? <= COALESCE(max_blocks, ?)""")
                .params(blocks, tenantId, blocks, settings.defaults().maxBlocks())
                .update() == 1;
    }

    public void lockRow(TenantId tenantId) {
        ensureRow(tenantId);
        jdbc.sql("SELECT blocks_held FROM tenant_quota WHERE tenant_id = ? FOR UPDATE").param(tenantId).query(Integer.class)
                .single();
    }

    public void giveBackBlock(TenantId tenantId) {
        jdbc.sql("UPDATE tenant_quota SET blocks_held = blocks_held - 1 WHERE tenant_id = ? AND blocks_held > 0")
                .param(tenantId).update();
    }

    /** Tenants made before this module, or by a path that published no event, get their row on first use. */
    void ensureRow(TenantId tenantId) {
        jdbc.sql("INSERT INTO tenant_quota (tenant_id, blocks_held) VALUES (?, 0) ON DUPLICATE KEY UPDATE tenant_id = tenant_id")
                .param(tenantId).update();
    }

    public NumberSettings.QuotaLimits defaults() {
        return settings.defaults();
    }

    private static int or(Integer own, int fallback) {
        return own != null ? own : fallback;
    }

    private static void diff(Map<String, Object> changes, String field, Integer before, Integer after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, Map.of("from", before == null ? "default" : before.toString(),
                    "to", after == null ? "default" : after.toString()));
        }
    }
}
