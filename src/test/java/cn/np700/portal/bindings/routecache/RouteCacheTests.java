package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.bindings.routecache.AxbBindings.Bound;
import cn.np700.portal.blacklist.Blacklist;
import cn.np700.portal.blacklist.BlacklistOwner;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.numbers.release.BlockRelease;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantSuspensions;
import cn.np700.portal.verification.PersonalDataCipher;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * On one node, every kind of change that can alter a routing answer flips the next route at once, although the
 * answer before it was cached (each test first checks that it was); and a cached answer ends at the earliest expiry
 * it relied on.
 */
@PortalIntegrationTest
class RouteCacheTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    MutableClock clock;
    @Autowired
    RouteCache cache;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    BindingSuspensions bindingSuspensions;
    @Autowired
    NumberSuspensions numberSuspensions;
    @Autowired
    BlockRelease blocks;
    @Autowired
    Blacklist blacklist;
    @Autowired
    TenantSuspensions tenantSuspensions;
    @Autowired
    LoginAccounts accounts;

    String carrier;

    AxbBindings axb;

    @Autowired
    RouteChangeFollower follower;

    @BeforeEach
    void carrier() {
        // a node's first read of the journal drops everything it holds: have it done before a test caches anything
        follower.follow();
        carrier = carriers.create("");
        axb = new AxbBindings(mvc, bindings);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ResultActions route(String caller, long x) throws Exception {
        return axb.route(carrier, caller, x);
    }

    private boolean cached(String caller, long x) {
        return cache.fresh(x, cipher.index(caller), clock.instant()).isPresent();
    }

    /**
     * Routes A to B, and checks that the answer is now cached: a flip after it proves the cache was dropped. The cache
     * refuses an answer loaded while any route change was being journalled (another test's binding, the expiry job):
     * the next call loads it again. A cache that never holds the answer fails all tries.
     */
    private void connectsFromCache(Bound bound) throws Exception {
        for (int tries = 0; tries < 5 && (tries == 0 || !cached(bound.a(), bound.x())); tries++) {
            route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"))
                    .andExpect(jsonPath("$.callee").value(bound.b()));
        }
        assertThat(cached(bound.a(), bound.x())).as("A's answer on X is cached").isTrue();
    }

    private void rejects(Bound bound, String reason) throws Exception {
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT")).andExpect(jsonPath("$.reason").value(reason));
    }

    private ResultActions change(Bound bound, String json) throws Exception {
        return mvc.perform(patch("/api/v1/bindings/" + bound.id()).header("Authorization", "Bearer " + bound.tenant().key())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isOk());
    }

    @Test
    void anUnboundBindingStopsConnectingAtOnce() throws Exception {
        Bound bound = axb.bound();
        connectsFromCache(bound);
        axb.unbind(bound);
        rejects(bound, "NO_BINDING");
    }

    @Test
    void aNewBMovedDirectionAndShortenedExpiryApplyAtOnce() throws Exception {
        Bound bound = axb.bound();
        connectsFromCache(bound);
        String c = bindings.verified(bound.tenant().tenantId());
        change(bound, "{\"b\":\"" + c + "\"}");
        route(bound.a(), bound.x()).andExpect(jsonPath("$.callee").value(c));

        Bound moved = bound.withB(c);
        connectsFromCache(moved);
        change(moved, "{\"direction\":\"B_TO_A_ONLY\"}");
        rejects(moved, "DIRECTION_NOT_ALLOWED");

        change(moved, "{\"direction\":\"BOTH\"}");
        connectsFromCache(moved);
        change(moved, "{\"expiresInSeconds\":60}");
        connectsFromCache(moved);
        clock.advance(Duration.ofSeconds(60));
        rejects(moved, "EXPIRED");
    }

    @Test
    void aCachedAnswerEndsAtTheExpiryOfItsBindingWithoutAnyChange() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        Bound bound = axb.bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), 120);
        connectsFromCache(bound);
        clock.advance(Duration.ofSeconds(119));
        assertThat(cached(bound.a(), bound.x())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached(bound.a(), bound.x())).isFalse();
        rejects(bound, "EXPIRED");
    }

    @Test
    void aNewBindingNeedsNothingDroppedNotEvenOnTheSlotOfAnExpiredOne() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        bindings.poolOfOne(tenant, tenant.x(0));
        String a = bindings.verified(tenant.tenantId());
        Bound first = axb.bind(tenant, a, bindings.verified(tenant.tenantId()), 60);
        assertThat(first.x()).isEqualTo(tenant.x(0));
        connectsFromCache(first);

        String c = bindings.verified(tenant.tenantId());
        route(c, first.x()).andExpect(jsonPath("$.reason").value("NO_BINDING"));
        assertThat(cached(c, first.x())).as("an answer without a candidate binding is never cached").isFalse();
        Bound second = axb.bind(tenant, c, bindings.verified(tenant.tenantId()), 600);
        assertThat(second.x()).isEqualTo(first.x());
        connectsFromCache(second);

        clock.advance(Duration.ofSeconds(61));
        Bound taken = axb.bind(tenant, a, bindings.verified(tenant.tenantId()), 600);
        assertThat(taken.x()).as("A's slot on X, held by an expired binding, taken by a new one").isEqualTo(first.x());
        connectsFromCache(taken);
    }

    @Test
    void aBindingSuspendedAndRestored() throws Exception {
        Bound bound = axb.bound();
        connectsFromCache(bound);
        bindingSuspensions.suspendFor(bound.id(), SuspensionSource.OPERATOR, "rc", "operator", "checking");
        rejects(bound, "BINDING_SUSPENDED");
        bindingSuspensions.liftFor(bound.id(), SuspensionSource.OPERATOR, "rc", "operator", "checked");
        connectsFromCache(bound);
    }

    @Test
    void aNumberOrItsBlockSuspendedAndRestored() throws Exception {
        Bound bound = axb.bound();
        UsageNumber x = new UsageNumber(bound.x());
        connectsFromCache(bound);
        numberSuspensions.suspendNumber(x, "checking");
        rejects(bound, "NUMBER_SUSPENDED");
        numberSuspensions.restoreNumber(x, "checked");
        connectsFromCache(bound);
        numberSuspensions.suspendBlock(BlockCode.ofNumber(bound.x()), "checking");
        rejects(bound, "NUMBER_SUSPENDED");
        numberSuspensions.restoreBlock(BlockCode.ofNumber(bound.x()), "checked");
        connectsFromCache(bound);
    }

    @Test
    void aReclaimedBlock() throws Exception {
        Bound bound = axb.bound();
        connectsFromCache(bound);
        blocks.reclaim(BlockCode.ofNumber(bound.x()), 1);
        rejects(bound, "NO_BINDING");
    }

    @Test
    void blacklistEntriesAddedRemovedAndExpired() throws Exception {
        Bound bound = axb.bound();
        TenantId tenant = TenantId.of(bound.tenant().tenantId());
        connectsFromCache(bound);
        blacklist.add(BlacklistOwner.of(tenant), bound.a(), "139****", "test", null, "operator");
        rejects(bound, "BLACKLISTED");
        long entry = blacklist.of(BlacklistOwner.of(tenant), cipher.index(bound.a()), 1).get(0).id();
        blacklist.remove(BlacklistOwner.of(tenant), entry, "operator");
        connectsFromCache(bound);

        blacklist.add(BlacklistOwner.PLATFORM, bound.a(), "139****", "test", clock.instant().plusSeconds(30), "operator");
        rejects(bound, "BLACKLISTED");
        assertThat(cached(bound.a(), bound.x())).as("a blacklisted answer is cached until the entry expires").isTrue();
        clock.advance(Duration.ofSeconds(30));
        connectsFromCache(bound);
    }

    @Test
    void aTenantSuspendedRestoredAndTerminated() throws Exception {
        Bound bound = axb.bound();
        TenantId tenant = TenantId.of(bound.tenant().tenantId());
        connectsFromCache(bound);
        tenantSuspensions.suspendFor(tenant, SuspensionSource.OPERATOR, "rc", "operator", "checking");
        rejects(bound, "TENANT_SUSPENDED");
        tenantSuspensions.liftFor(tenant, SuspensionSource.OPERATOR, "rc", "operator", "checked");
        connectsFromCache(bound);
        mvc.perform(post("/operator/tenants/" + tenant + "/status").param("target", "TERMINATED").param("reason", "contract ended")
                .with(TestLogins.as(accounts, "operator")).with(csrf())).andExpect(status().is3xxRedirection());
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"));
    }
}
