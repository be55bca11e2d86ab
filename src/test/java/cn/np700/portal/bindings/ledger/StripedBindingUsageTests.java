package cn.np700.portal.bindings.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tenant's usage spread over stripes (issue 19): the stripes' allowances add up to the quota, so concurrent takes
 * never pass it, also when the stripes have drifted apart and a take must rebalance them.
 */
@PortalIntegrationTest
class StripedBindingUsageTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final int ACTIVE = 20;
    private static final int DAILY = 100;

    @Autowired
    TenantBindingUsage usage;
    @Autowired
    BindingLedger ledger;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theStripesAllowancesAddUpToTheQuota() {
        for (int quota = 0; quota <= 3 * TenantBindingUsage.STRIPES + 1; quota++) {
            int q = quota;
            assertThat(IntStream.range(0, TenantBindingUsage.STRIPES).map(s -> TenantBindingUsage.allowance(q, s)).sum())
                    .as("quota %d", quota).isEqualTo(quota);
        }
    }

    @Test
    void concurrentTakesFillTheActiveQuotaExactlyWhateverStripeEachDraws() throws Exception {
        TenantId tenant = TenantId.of(bindings.tenant().tenantId());
        usage.ensure(tenant, TODAY);
        // ends counted on other stripes than the takes: some stripes below zero, the sum exact
        for (int i = 0; i < 12; i++) {
            assertThat(take(tenant)).isTrue();
        }
        ledger.transactionWithoutResult(status -> usage.giveBack(tenant, 5));

        assertThat(raceTakes(tenant, 30)).isEqualTo(ACTIVE - 7);
        assertCapped(tenant, ACTIVE, 12 + ACTIVE - 7);
    }

    /**
     * Stripes 0-3 hold their whole share of the active quota, stripes 4-7 their whole share of the daily one: no
     * stripe can take one more though both sums can. The takes rebalance the stripes and still stop at the quota.
     */
    @Test
    void takesRebalanceDriftedStripesAndStillStopAtTheQuota() throws Exception {
        TenantId tenant = TenantId.of(bindings.tenant().tenantId());
        usage.ensure(tenant, TODAY);
        for (int stripe = 0; stripe < TenantBindingUsage.STRIPES; stripe++) {
            boolean low = stripe < 4;
            jdbc.sql("UPDATE binding_usage SET live = ?, day = ?, created_on_day = ?, balanced_active = ?, "
                            + "balanced_daily = ? WHERE tenant_id = ? AND stripe = ?")
                    .params(low ? TenantBindingUsage.allowance(ACTIVE, stripe) : -1, Date.valueOf(TODAY),
                            low ? 0 : TenantBindingUsage.allowance(DAILY, stripe), ACTIVE, DAILY, tenant, stripe)
                    .update();
        }
        BindingLedger.Usage before = usage.of(tenant, TODAY);
        assertThat(before).isEqualTo(new BindingLedger.Usage(8, 48));

        assertThat(raceTakes(tenant, 30)).isEqualTo(ACTIVE - 8);
        assertCapped(tenant, ACTIVE, 48 + ACTIVE - 8);
    }

    /** A quota lowered below the live bindings refuses every take until enough of them have ended. */
    @Test
    void aQuotaLoweredBelowTheLiveBindingsRefusesUntilTheyEnd() {
        TenantId tenant = TenantId.of(bindings.tenant().tenantId());
        usage.ensure(tenant, TODAY);
        for (int i = 0; i < 12; i++) {
            assertThat(take(tenant)).isTrue();
        }
        TenantQuota lowered = quota(tenant, 5, DAILY);
        assertThat(take(tenant, lowered)).isFalse();
        for (int i = 0; i < 7; i++) {
            ledger.transactionWithoutResult(status -> usage.giveBack(tenant, 1));
            assertThat(take(tenant, lowered)).as("after %d ends", i + 1)
                    .isFalse();
        }
        ledger.transactionWithoutResult(status -> usage.giveBack(tenant, 1));
        assertThat(take(tenant, lowered)).isTrue();
        assertThat(take(tenant, lowered)).isFalse();
        assertThat(usage.of(tenant, TODAY).live()).isEqualTo(5);
    }

    @Test
    void theDailyQuotaStopsTakesAcrossStripes() throws Exception {
        TenantId tenant = TenantId.of(bindings.tenant().tenantId());
        usage.ensure(tenant, TODAY);
        TenantQuota quota = quota(tenant, 1_000, 11);
        int taken = 0;
        for (int i = 0; i < 20; i++) {
            if (take(tenant, quota)) {
                taken++;
                ledger.transactionWithoutResult(status -> usage.giveBack(tenant, 1));
            }
        }
        assertThat(taken).isEqualTo(11);
        assertThat(usage.of(tenant, TODAY)).isEqualTo(new BindingLedger.Usage(0, 11));
        assertThat(usage.take(tenant, quota, TODAY.plusDays(1), 0)).as("a new day").isTrue();
    }

    private boolean take(TenantId tenant) {
        return take(tenant, quota(tenant, ACTIVE, DAILY));
    }

    private boolean take(TenantId tenant, TenantQuota quota) {
        Boolean taken = ledger.transaction(status -> usage.take(tenant, quota, TODAY, 0));
        return taken;
    }

    private int raceTakes(TenantId tenant, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                takes.add(pool.submit(() -> {
                    start.await();
                    return take(tenant);
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Boolean> f : takes) {
                taken += f.get() ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdown();
        }
    }

    private void assertCapped(TenantId tenant, int live, int createdToday) {
        assertThat(usage.of(tenant, TODAY)).isEqualTo(new BindingLedger.Usage(live, createdToday));
        for (int stripe = 0; stripe < TenantBindingUsage.STRIPES; stripe++) {
            int s = stripe;
            assertThat(jdbc.sql("SELECT live FROM binding_usage WHERE tenant_id = ? AND stripe = ?").params(tenant, stripe)
                    .query(Integer.class).single()).as("stripe %d", stripe)
                    .isLessThanOrEqualTo(TenantBindingUsage.allowance(ACTIVE, s));
        }
    }

    private static TenantQuota quota(TenantId tenant, int active, int daily) {
        return new TenantQuota(tenant, 10, active, daily, 10, Duration.ofDays(1), 10, 1);
    }
}
