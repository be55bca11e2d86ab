package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.bindings.BindingRoutes;
import cn.np700.portal.bindings.RouteFacts;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.bindings.routecache.AxbBindings.Bound;
import cn.np700.portal.blacklist.Blacklist;
import cn.np700.portal.blacklist.BlacklistOwner;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.TenantSuspensions;
import cn.np700.portal.verification.PersonalDataCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A change made on one node reaches another node's cached routing facts through the journal within the bound (one
 * poll, 1 s, while the node can read the journal; by default a node that cannot stops using its cache after 5 s). The
 * wait allows twice that for a machine shared by several builds, and prints what it took.
 */
@PortalIntegrationTest
class RouteCacheAcrossNodesTests {

    static final Duration BOUND = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    TenantSuspensions tenantSuspensions;
    @Autowired
    Blacklist blacklist;

    PortalNode other;

    AxbBindings axb;

    @BeforeEach
    void otherNode() {
        other = PortalNode.survivorBeside(context);
        axb = new AxbBindings(mvc, bindings);
    }

    private RouteFacts onTheOtherNode(Bound bound) {
        return other.bean(BindingRoutes.class).lookUp(bound.x(), cipher.index(bound.a()), Instant.now());
    }

    /** The other node routes A on X and keeps the answer (once it has read the journal since it started). */
    private void cachedOnTheOtherNode(Bound bound) {
        await().atMost(BOUND).until(() -> !onTheOtherNode(bound).candidates().isEmpty()
                && other.bean(RouteCache.class).fresh(bound.x(), cipher.index(bound.a()), Instant.now()).isPresent());
    }

    private void seenOnTheOtherNode(String change, Bound bound, Predicate<RouteFacts> changed) {
        long start = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> changed.test(onTheOtherNode(bound)));
        System.out.printf("RouteCacheAcrossNodesTests: %s seen on the other node after %d ms%n", change,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void anUnbindHereIsSeenThere() throws Exception {
        Bound bound = axb.bound();
        cachedOnTheOtherNode(bound);
        axb.unbind(bound);
        seenOnTheOtherNode("an unbind", bound, facts -> facts.candidates().isEmpty());
    }

    @Test
    void aTenantSuspendedHereIsSeenThere() throws Exception {
        Bound bound = axb.bound();
        cachedOnTheOtherNode(bound);
        tenantSuspensions.suspendFor(TenantId.of(bound.tenant().tenantId()), SuspensionSource.OPERATOR, "nodes", "operator", "x");
        seenOnTheOtherNode("a tenant's suspension", bound, facts -> !facts.tenantActive());
    }

    @Test
    void aPlatformBlacklistEntryHereIsSeenThere() throws Exception {
        Bound bound = axb.bound();
        cachedOnTheOtherNode(bound);
        blacklist.add(BlacklistOwner.PLATFORM, bound.a(), "139****", "nodes", null, "operator");
        seenOnTheOtherNode("a platform blacklist entry", bound, RouteFacts::callerBlacklisted);
    }
}
