package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.BindingRoutes;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.bindings.routecache.AxbBindings.Bound;
import cn.np700.portal.blacklist.Blacklist;
import cn.np700.portal.blacklist.BlacklistOwner;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.verification.PersonalDataCipher;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The start-up preload: it puts in the cache what a call's own look-up would have (both parties of an AXB, the AXN's
 * A, a blacklisted caller as blacklisted), under the same invalidation as any cached answer, and no more numbers than
 * it is asked for. Each test empties the cache first, so what it finds there the preload put.
 */
@PortalIntegrationTest
class RouteCacheWarmUpTests {

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
    RouteChangeFollower follower;
    @Autowired
    RouteCacheWarmUp warmUp;
    @Autowired
    BindingRoutes routes;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    Blacklist blacklist;

    String carrier;
    AxbBindings axb;

    @BeforeEach
    void carrier() {
        follower.follow();
        carrier = carriers.create("");
        axb = new AxbBindings(mvc, bindings);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void empty() {
        cache.forget(RouteChange.everything());
    }

    private boolean cached(String caller, long x) {
        return cache.fresh(x, cipher.index(caller), clock.instant()).isPresent();
    }

    private ResultActions route(String caller, long x) throws Exception {
        return axb.route(carrier, caller, x);
    }

    @Test
    void bothPartiesOfAnAxbAreRoutedFromThePreloadedCache() throws Exception {
        Bound bound = axb.bound();
        empty();
        assertThat(cached(bound.a(), bound.x())).isFalse();

        assertThat(warmUp.warm()).isPositive();

        assertThat(cached(bound.a(), bound.x())).as("A's answer preloaded").isTrue();
        assertThat(cached(bound.b(), bound.x())).as("B's answer preloaded").isTrue();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andExpect(jsonPath("$.callee").value(bound.b())).andExpect(jsonPath("$.bindingId").value(bound.id()));
        route(bound.b(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andExpect(jsonPath("$.callee").value(bound.a()));
    }

    @Test
    void aPreloadedAnswerIsDroppedByTheNextChange() throws Exception {
        Bound bound = axb.bound();
        empty();
        warmUp.warm();
        assertThat(cached(bound.a(), bound.x())).isTrue();

        axb.unbind(bound);

        assertThat(cached(bound.a(), bound.x())).isFalse();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value("NO_BINDING"));
    }

    @Test
    void aBlacklistedCallerIsPreloadedBlacklistedAndTheOtherPartyNot() throws Exception {
        Bound bound = axb.bound();
        blacklist.add(BlacklistOwner.of(TenantId.of(bound.tenant().tenantId())), bound.a(), "139****", "test", null,
                "operator");
        empty();
        warmUp.warm();

        assertThat(cached(bound.a(), bound.x())).isTrue();
        route(bound.a(), bound.x()).andExpect(jsonPath("$.reason").value("BLACKLISTED"));
        route(bound.b(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andExpect(jsonPath("$.callee").value(bound.a()));
    }

    @Test
    void anAxnsAIsPreloadedAndAnyOtherCallerStillReachesA() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String n = bindings.verified(tenant.tenantId());
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"" + n + "\",\"expiresInSeconds\":600}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        empty();
        warmUp.warm();

        assertThat(cached(a, x)).as("A's answer preloaded").isTrue();
        route(a, x).andExpect(jsonPath("$.action").value("CONNECT")).andExpect(jsonPath("$.callee").value(n));
        String anyone = bindings.verified(tenant.tenantId());
        assertThat(cached(anyone, x)).as("a caller the preload cannot know").isFalse();
        route(anyone, x).andExpect(jsonPath("$.action").value("CONNECT")).andExpect(jsonPath("$.callee").value(a));
    }

    @Test
    void itReadsNoMoreNumbersThanAskedFor() throws Exception {
        axb.bound();
        axb.bound();
        empty();

        assertThat(routes.preload(1)).isEqualTo(1);
    }
}
