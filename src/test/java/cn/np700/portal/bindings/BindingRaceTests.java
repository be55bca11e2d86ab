package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrent creations on the real database: whatever the interleaving, a real number is on an X once, a quota's
 * last unit goes to one creation, a pair cap holds, and one orderRef yields one binding.
 */
@PortalIntegrationTest
class BindingRaceTests {

    private static final int THREADS = 50;

    @Autowired
    BindingCreation creation;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Quotas quotas;

    /** Runs {@code count} creations at once; each outcome is "OK:<id>" or the refusal code. */
    private List<String> race(int count, IntFunction<BindingInput> input, long tenantId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BindingInput in = input.apply(i);
                Callable<String> task = () -> {
                    start.await();
                    try {
                        return "OK:" + creation.bind(TenantId.of(tenantId), new Actor("race", null), in, false).binding().id();
                    } catch (BindingRefusedException e) {
                        return e.first().code().name();
                    }
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Long> tally(List<String> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> o.startsWith("OK:") ? "OK" : o, Collectors.counting()));
    }

    private static BindingInput axb(String a, String b, Long x, String orderRef) {
        return new BindingInput("AXB", a, b, null, x == null ? null : Long.toString(x), 3600L, null, null, null, orderRef);
    }

    private List<String> verified(long tenantId, int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(bindings.verified(tenantId));
        }
        return numbers;
    }

    @Test
    void fiftyCreationsForOneAOnAPoolOfOneXGiveExactlyOneBinding() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(3);
        bindings.poolOfOne(tenant, x);
        String a = bindings.verified(tenant.tenantId());
        List<String> bs = verified(tenant.tenantId(), THREADS);

        Map<String, Long> outcomes = tally(race(THREADS, i -> axb(a, bs.get(i), null, null), tenant.tenantId()));

        assertThat(outcomes.get("OK")).isEqualTo(1);
        assertThat(outcomes.getOrDefault("NO_NUMBER_AVAILABLE", 0L) + outcomes.getOrDefault("PARTY_ALREADY_ON_X", 0L))
                .isEqualTo(THREADS - 1);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.slotsOf(tenant.tenantId())).isEqualTo(2);
        assertThat(bindings.liveOn(x)).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void fiftyCreationsNamingTheSameXForOneAGiveOneBindingAndPartyAlreadyOnX() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(4);
        String a = bindings.verified(tenant.tenantId());
        List<String> bs = verified(tenant.tenantId(), THREADS);

        Map<String, Long> outcomes = tally(race(THREADS, i -> axb(a, bs.get(i), x, null), tenant.tenantId()));

        assertThat(outcomes).containsEntry("OK", 1L).containsEntry("PARTY_ALREADY_ON_X", (long) THREADS - 1);
        assertThat(bindings.liveOn(x)).isEqualTo(1);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void creationsAgainstTheLastUnitOfTheActiveQuotaGiveExactlyOneSuccess() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        jdbc.sql("UPDATE tenant_quota SET max_active_bindings = 1 WHERE tenant_id = ?").param(tenant.tenantId()).update();
        List<String> numbers = verified(tenant.tenantId(), 40);

        Map<String, Long> outcomes = tally(race(20, i -> axb(numbers.get(2 * i), numbers.get(2 * i + 1), null, null),
                tenant.tenantId()));

        assertThat(outcomes).containsEntry("OK", 1L).containsEntry("QUOTA_EXCEEDED", 19L);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT SUM(live_bindings) FROM pool_number WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void creationsAgainstTheLastUnitOfTheDailyQuotaGiveExactlyOneSuccess() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        List<String> numbers = verified(tenant.tenantId(), 42);
        creation.bind(TenantId.of(tenant.tenantId()), new Actor("setup", null), axb(numbers.get(40), numbers.get(41), null, null), false);
        // through the quota page's own path: a creation remembers the quotas it read, forgetting them on a change
        quotas.change(TenantId.of(tenant.tenantId()), new QuotaOverrides(null, null, 2, null, null, null, 0));

        Map<String, Long> outcomes = tally(race(20, i -> axb(numbers.get(2 * i), numbers.get(2 * i + 1), null, null),
                tenant.tenantId()));

        assertThat(outcomes).containsEntry("OK", 1L).containsEntry("QUOTA_EXCEEDED", 19L);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(2);
    }

    @Test
    void thePairCapOfAnXHoldsUnderConcurrentCreations() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(5);
        jdbc.sql("UPDATE tenant_quota SET max_pairs_per_x = 3 WHERE tenant_id = ?").param(tenant.tenantId()).update();
        List<String> numbers = verified(tenant.tenantId(), 40);

        Map<String, Long> outcomes = tally(race(20, i -> axb(numbers.get(2 * i), numbers.get(2 * i + 1), x, null),
                tenant.tenantId()));

        assertThat(outcomes).containsEntry("OK", 3L).containsEntry("X_UNAVAILABLE", 17L);
        assertThat(bindings.liveOn(x)).isEqualTo(3);
        assertThat(bindings.slotsOf(tenant.tenantId())).isEqualTo(6);
    }

    @Test
    void repeatsOfOneOrderRefAtOnceYieldOneBinding() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());

        List<String> outcomes = race(20, i -> axb(a, b, null, "ORDER-RACE"), tenant.tenantId());

        assertThat(outcomes.stream().distinct().toList()).hasSize(1).allMatch(o -> o.startsWith("OK:"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void theDistinctBPerAQuotaCountsEachNewPeerOnce() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        jdbc.sql("UPDATE tenant_quota SET max_b_per_a_per_day = 3 WHERE tenant_id = ?").param(tenant.tenantId()).update();
        String a = bindings.verified(tenant.tenantId());
        List<String> bs = verified(tenant.tenantId(), 12);

        Map<String, Long> outcomes = tally(race(12, i -> axb(a, bs.get(i), null, null), tenant.tenantId()));

        assertThat(outcomes).containsEntry("OK", 3L).containsEntry("QUOTA_EXCEEDED", 9L);
        assertThat(jdbc.sql("SELECT peers FROM binding_peer_count WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).isEqualTo(3);
    }
}
