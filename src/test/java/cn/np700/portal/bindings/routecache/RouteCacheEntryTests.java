package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.RouteFacts;
import cn.np700.portal.scope.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache's own rules, step by step in one thread: a load that read its facts before a change to its X, its tenant
 * or everything was dropped never leaves them behind, whichever comes first, while a change to another X does not
 * void it; a node that has not read the journal lately answers nothing from it.
 */
class RouteCacheEntryTests {

    static final long X = 700_1234_0000_0001L;
    static final byte[] CALLER = {1, 2, 3};
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    static final TenantId TENANT = TenantId.of(7);

    static RouteFacts facts() {
        return new RouteFacts(true, TENANT, true, true, false, List.of(new RouteFacts.Candidate(1, BindingMode.AXB,
                BindingStatus.ACTIVE, NOW.plusSeconds(600), Direction.values()[0], false, true, true, new byte[1],
                new byte[1], null)));
    }

    static RouteCache following() {
        RouteCache cache = new RouteCache(100, 8, Duration.ofMinutes(1));
        cache.followed(System.nanoTime());
        return cache;
    }

    @Test
    void aLoadThatStartedBeforeADropLeavesNothingBehind() {
        RouteCache cache = following();
        long stamp = cache.stamp();
        // the load has read the old facts; the change commits and is dropped before the load offers them
        cache.forget(RouteChange.number(X, TENANT));
        cache.offer(stamp, X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        assertThat(cache.fresh(X, CALLER, NOW)).isEmpty();
    }

    @Test
    void aLoadThatStartedBeforeATenantOrEverythingWasDroppedLeavesNothingBehind() {
        for (RouteChange change : List.of(RouteChange.tenant(TENANT), RouteChange.everything())) {
            RouteCache cache = following();
            long stamp = cache.stamp();
            cache.forget(change);
            cache.offer(stamp, X, CALLER, facts(), NOW.plusSeconds(600), NOW);
            assertThat(cache.fresh(X, CALLER, NOW)).as("after " + change).isEmpty();
        }
    }

    @Test
    void aChangeToAnotherNumberLeavesALoadInFlight() {
        long other = X + 1;
        assertThat(RouteCache.stripe(other)).isNotEqualTo(RouteCache.stripe(X));
        RouteCache cache = following();
        long stamp = cache.stamp();
        cache.forget(RouteChange.number(other, TENANT));
        cache.offer(stamp, X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        assertThat(cache.fresh(X, CALLER, NOW)).isPresent();
    }

    @Test
    void aDropAfterTheOfferRemovesItByNumberTenantOrEverything() {
        for (RouteChange change : List.of(RouteChange.number(X, TENANT), RouteChange.tenant(TENANT), RouteChange.everything())) {
            RouteCache cache = following();
            cache.offer(cache.stamp(), X, CALLER, facts(), NOW.plusSeconds(600), NOW);
            assertThat(cache.fresh(X, CALLER, NOW)).as("cached before " + change).isPresent();
            cache.forget(change);
            assertThat(cache.fresh(X, CALLER, NOW)).as("gone after " + change).isEmpty();
        }
    }

    @Test
    void anotherTenantsDropLeavesIt() {
        RouteCache cache = following();
        cache.offer(cache.stamp(), X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        cache.forget(RouteChange.tenant(TenantId.of(8)));
        cache.offer(cache.stamp(), X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        assertThat(cache.fresh(X, CALLER, NOW)).isPresent();
    }

    @Test
    void nothingIsAnsweredPastTheExpiryItReliedOnOrWithoutACandidate() {
        RouteCache cache = following();
        cache.offer(cache.stamp(), X, CALLER, facts(), NOW.plusSeconds(30), NOW);
        assertThat(cache.fresh(X, CALLER, NOW.plusSeconds(29))).isPresent();
        assertThat(cache.fresh(X, CALLER, NOW.plusSeconds(30))).isEmpty();

        byte[] stranger = {9};
        cache.offer(cache.stamp(), X, stranger, new RouteFacts(true, TENANT, true, true, false, List.of()),
                NOW.plusSeconds(600), NOW);
        assertThat(cache.fresh(X, stranger, NOW)).isEmpty();
    }

    @Test
    void aNodeThatHasNotReadTheJournalWithinStaleAfterAsksTheDatabase() {
        RouteCache never = new RouteCache(100, 8, Duration.ofMinutes(1));
        never.offer(never.stamp(), X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        assertThat(never.fresh(X, CALLER, NOW)).as("no journal read yet").isEmpty();

        RouteCache lagging = new RouteCache(100, 8, Duration.ofMinutes(1));
        lagging.followed(System.nanoTime() - Duration.ofMinutes(2).toNanos());
        lagging.offer(lagging.stamp(), X, CALLER, facts(), NOW.plusSeconds(600), NOW);
        assertThat(lagging.fresh(X, CALLER, NOW)).as("last read two minutes ago").isEmpty();
        lagging.followed(System.nanoTime());
        assertThat(lagging.fresh(X, CALLER, NOW)).as("read just now").isPresent();
    }
}
