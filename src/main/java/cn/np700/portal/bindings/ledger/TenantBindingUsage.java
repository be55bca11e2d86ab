package cn.np700.portal.bindings.ledger;

import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's live bindings and its bindings created today, spread over {@value #STRIPES} rows (stripes) so that
 * concurrent creations, on one database node or on several nodes of a Galera cluster, mostly write different rows.
 * The tenant's usage is the sum of its stripes.
 * <p>
 * Each stripe holds at most its share of each quota, its allowance ({@link #allowance}: the quota divided among the
 * stripes, the remainder to the first ones), so the allowances add up to the quota and a conditional UPDATE of one
 * stripe ({@code live < allowance}) keeps the sum within the quota without reading the other stripes: concurrent
 * creations against the last unit still give exactly one success. That holds only while every stripe is within its
 * allowance, so the stripes carry the quotas they were balanced for, and a take matches only stripes balanced for
 * the quotas of now: after a quota change (or on a tenant's first creation) the first take locks all the tenant's
 * stripes, checks the sums and rebalances them for the new quotas; while the sums are at or over a quota (lowered
 * below the live bindings, say) nothing is rebalanced and every take is refused under that lock.
 * <p>
 * A creation tries a stripe drawn at random; when it is full, the first stripe with room; when none has room for
 * both quotas while their sums still do (the stripes drifted apart: ends are counted on any stripe, so a stripe can
 * go below zero while another stays full), it rebalances, pushing the room left into stripe 0. Only near a quota
 * does a creation get past the first UPDATE, and only there do the stripes become one hot spot again.
 */
@Component
class TenantBindingUsage {

    static final int STRIPES = 8;

    private static final String TAKE = """
            UPDATE binding_usage SET live = live - ? + 1,
                   created_on_day = IF(day = ?, created_on_day + 1, 1), day = ?
            WHERE tenant_id = ? AND balanced_active = ? AND balanced_daily = ?\s""";

    private final JdbcClient jdbc;
    private final Set<TenantId> known = ConcurrentHashMap.newKeySet();

    TenantBindingUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the tenant's stripes, outside the creating transaction: an INSERT IGNORE on an existing row takes a
     * shared lock that two concurrent creations would each then try to upgrade, a deadlock.
     */
    void ensure(TenantId tenantId, LocalDate today) {
        if (known.contains(tenantId)) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            Collections.addAll(params, tenantId, stripe, Date.valueOf(today));
        }
        jdbc.sql("INSERT IGNORE INTO binding_usage (tenant_id, stripe, live, day, created_on_day) VALUES "
                + String.join(", ", Collections.nCopies(STRIPES, "(?, ?, 0, ?, 0)"))).params(params).update();
        known.add(tenantId);
    }

    /** Adds one live binding and one creation today, less {@code released} bindings ended in the same transaction. */
    boolean take(TenantId tenantId, TenantQuota quota, LocalDate today, int released) {
        int active = quota.maxActiveBindings();
        int daily = quota.maxNewBindingsPerDay();
        int withRoom = Math.min(STRIPES, Math.min(active, daily));
        if (withRoom <= 0) {
            return false;
        }
        Date day = Date.valueOf(today);
        int stripe = ThreadLocalRandom.current().nextInt(withRoom);
        if (jdbc.sql(TAKE + "AND stripe = ? AND live - ? < ? AND IF(day = ?, created_on_day, 0) < ?")
                .params(released, day, day, tenantId, active, daily, stripe, released, allowance(active, stripe), day,
                        allowance(daily, stripe))
                .update() == 1) {
            return true;
        }
        if (jdbc.sql(TAKE + "AND live - ? < " + allowanceSql() + " AND IF(day = ?, created_on_day, 0) < " + allowanceSql()
                        + " ORDER BY stripe LIMIT 1")
                .params(released, day, day, tenantId, active, daily, released, active, active, day, daily, daily)
                .update() == 1) {
            return true;
        }
        return rebalanceAndTake(tenantId, active, daily, today, released);
    }

    /** A stripe's share of a quota: the stripes' shares add up to the quota. */
    static int allowance(int quota, int stripe) {
        return quota / STRIPES + (stripe < quota % STRIPES ? 1 : 0);
    }

    /** {@link #allowance} of the row's stripe, for a quota given twice. */
    private static String allowanceSql() {
        return "(? DIV " + STRIPES + " + (stripe < ? MOD " + STRIPES + "))";
    }

    private record Stripe(int live, LocalDate day, int createdOnDay) {
    }

    /**
     * Under the lock of every stripe of the tenant: when the sums leave room for one more, rewrites the stripes for
     * these quotas with the same sums, each within its allowance, stripe 0 with the room left, and takes the unit on
     * stripe 0. On a Galera cluster the rewrite writes every stripe, so a concurrent take on any of them through
     * another node fails certification against it and runs again.
     */
    private boolean rebalanceAndTake(TenantId tenantId, int active, int daily, LocalDate today, int released) {
        List<Stripe> stripes = jdbc.sql("SELECT live, day, created_on_day FROM binding_usage WHERE tenant_id = ? "
                        + "ORDER BY stripe FOR UPDATE")
                .param(tenantId)
                .query((rs, n) -> new Stripe(rs.getInt(1), rs.getDate(2).toLocalDate(), rs.getInt(3)))
                .list();
        int live = Math.max(0, stripes.stream().mapToInt(Stripe::live).sum() - released);
        int createdToday = stripes.stream().filter(s -> s.day().equals(today)).mapToInt(Stripe::createdOnDay).sum();
        if (live >= active || createdToday >= daily) {
            return false;
        }
        List<Object> params = new ArrayList<>();
        Date day = Date.valueOf(today);
        for (int stripe = STRIPES - 1; stripe > 0; stripe--) {
            int stripeLive = Math.min(allowance(active, stripe), live);
            int stripeCreated = Math.min(allowance(daily, stripe), createdToday);
            live -= stripeLive;
            createdToday -= stripeCreated;
            Collections.addAll(params, tenantId, stripe, stripeLive, day, stripeCreated, active, daily);
        }
        // within stripe 0's allowances: the other stripes took at most their own, and the sums are below the quotas
        Collections.addAll(params, tenantId, 0, live + 1, day, createdToday + 1, active, daily);
        jdbc.sql("INSERT INTO binding_usage (tenant_id, stripe, live, day, created_on_day, balanced_active, balanced_daily) "
                        + "VALUES " + String.join(", ", Collections.nCopies(STRIPES, "(?, ?, ?, ?, ?, ?, ?)"))
                        + " ON DUPLICATE KEY UPDATE live = VALUES(live), day = VALUES(day),"
                        + " created_on_day = VALUES(created_on_day), balanced_active = VALUES(balanced_active),"
                        + " balanced_daily = VALUES(balanced_daily)")
                .params(params).update();
        return true;
    }

    /** Ends are counted on any stripe: a stripe may go below zero, the tenant's sum stays exact. */
    void giveBack(TenantId tenantId, int ended) {
        if (ended > 0) {
            jdbc.sql("UPDATE binding_usage SET live = live - ? WHERE tenant_id = ? AND stripe = ?")
                    .params(ended, tenantId, ThreadLocalRandom.current().nextInt(STRIPES)).update();
        }
    }

    BindingLedger.Usage of(TenantId tenantId, LocalDate today) {
        return jdbc.sql("SELECT GREATEST(COALESCE(SUM(live), 0), 0), COALESCE(SUM(IF(day = ?, created_on_day, 0)), 0) "
                        + "FROM binding_usage WHERE tenant_id = ?")
                .params(Date.valueOf(today), tenantId)
                .query((rs, n) -> new BindingLedger.Usage(rs.getInt(1), rs.getInt(2))).single();
    }
}
