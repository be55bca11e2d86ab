package cn.np700.portal.bindings.routecache;

import cn.np700.portal.bindings.RouteFacts;
import cn.np700.portal.scope.TenantId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Routing facts by X, then by caller hash, so that a change to one X drops its callers in one step. An entry is used
 * only before the earliest expiry it relied on, and only while the journal of other nodes' changes was read within
 * {@code stale-after}: a node that cannot read it (its database gone, its scheduler stuck) asks the database again.
 * A load that races a change is settled by {@link #stamp}: the entry goes in first, and comes out again if a change
 * that may touch it was dropped since the load began (a change drops after marking its stripe of X, or every X for a
 * tenant or everything, so one of the two removes it). Marking by stripe keeps a change to one X from voiding the
 * loads of others in flight: with one counter, each ended binding threw away the start-up preload's page in progress
 * and every miss being read, and each became a miss again at its next call.
 */
@Component
public class RouteCache {

    private static final Logger log = LoggerFactory.getLogger(RouteCache.class);

    /** Stripes of X that a change marks (a power of two): a change to one X voids the loads of 1/4096 of the rest. */
    static final int STRIPES = 4096;

    private record Caller(byte[] hash, int code) {

        Caller(byte[] hash) {
            this(hash, Arrays.hashCode(hash));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Caller that && Arrays.equals(hash, that.hash);
        }

        @Override
        public int hashCode() {
            return code;
        }
    }

    private record Entry(RouteFacts facts, Instant validUntil) {
    }

    private record NumberRoutes(TenantId tenant, Map<Caller, Entry> callers) {
    }

    private final Cache<Long, NumberRoutes> numbers;
    private final long maxNumbers;
    private final int callersPerNumber;
    private final long staleAfterNanos;
    /** Counts every change dropped: stamps are its values. */
    private final AtomicLong changes = new AtomicLong();
    /** The latest change, by its count, to a single X in each stripe. */
    private final AtomicLongArray numberChanges = new AtomicLongArray(STRIPES);
    /** The latest change, by its count, to a tenant or to everything: any X. */
    private final AtomicLong broadChanges = new AtomicLong();
    private volatile long followedAt;

    @Autowired
    RouteCache(@Value("${portal.routing.cache.numbers:#{null}}") Long numbersSet,
            @Value("${portal.routing.cache.callers-per-number:8}") int callersPerNumber,
            @Value("${portal.routing.cache.stale-after:PT5S}") Duration staleAfter) {
        this(RouteCacheCapacity.numbers(numbersSet, Runtime.getRuntime().maxMemory()), callersPerNumber, staleAfter);
        long heapMegabytes = Runtime.getRuntime().maxMemory() >> 20;
        if (numbersSet == null) {
            log.info("Routing cache: up to {} numbers, {} % of the {} MB heap at {} bytes a number "
                    + "(portal.routing.cache.numbers not set)", maxNumbers, RouteCacheCapacity.HEAP_PERCENT,
                    heapMegabytes, RouteCacheCapacity.BYTES_PER_NUMBER);
        } else {
            log.info("Routing cache: up to {} numbers (portal.routing.cache.numbers), about {} MB of the {} MB heap",
                    maxNumbers, maxNumbers * RouteCacheCapacity.BYTES_PER_NUMBER >> 20, heapMegabytes);
        }
    }

    RouteCache(long maxNumbers, int callersPerNumber, Duration staleAfter) {
        this.numbers = Caffeine.newBuilder().maximumSize(maxNumbers).build();
        this.maxNumbers = maxNumbers;
        this.callersPerNumber = callersPerNumber;
        this.staleAfterNanos = staleAfter.toNanos();
        this.followedAt = System.nanoTime() - 2 * staleAfterNanos;
    }

    /** The facts cached for this call, if they are still true at {@code now}. */
    public Optional<RouteFacts> fresh(long x, byte[] callerHash, Instant now) {
        if (System.nanoTime() - followedAt > staleAfterNanos) {
            return Optional.empty();
        }
        NumberRoutes routes = numbers.getIfPresent(x);
        Entry entry = routes == null ? null : routes.callers().get(new Caller(callerHash));
        return entry != null && entry.validUntil().isAfter(now) ? Optional.of(entry.facts()) : Optional.empty();
    }

    /** How many numbers the cache keeps at most. */
    public long capacity() {
        return maxNumbers;
    }

    /** Taken before a load reads the database, and handed back to {@link #offer}. */
    public long stamp() {
        return changes.get();
    }

    /**
     * Keeps facts read since {@code stamp} until {@code validUntil}. Facts with no candidate binding are not kept:
     * a new binding then never has to drop anything (see docs/architecture.md).
     */
    public void offer(long stamp, long x, byte[] callerHash, RouteFacts facts, Instant validUntil, Instant now) {
        if (facts.candidates().isEmpty() || !validUntil.isAfter(now)) {
            return;
        }
        NumberRoutes routes = numbers.get(x, key -> new NumberRoutes(facts.tenantId(), new ConcurrentHashMap<>()));
        if (!routes.tenant().equals(facts.tenantId()) || routes.callers().size() >= callersPerNumber) {
            return;
        }
        Caller caller = new Caller(callerHash);
        Entry entry = new Entry(facts, validUntil);
        routes.callers().put(caller, entry);
        if (broadChanges.get() > stamp || numberChanges.get(stripe(x)) > stamp) {
            routes.callers().remove(caller, entry);
        }
    }

    void forget(RouteChange change) {
        long seq = changes.incrementAndGet();
        if (change.x() != null) {
            numberChanges.accumulateAndGet(stripe(change.x()), seq, Math::max);
            numbers.invalidate(change.x());
        } else {
            broadChanges.accumulateAndGet(seq, Math::max);
            if (change.tenant() != null) {
                numbers.asMap().values().removeIf(routes -> routes.tenant().equals(change.tenant()));
            } else {
                numbers.invalidateAll();
            }
        }
    }

    static int stripe(long x) {
        return (int) ((x * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(STRIPES)));
    }

    /** Every change in the journal up to a read that began at {@code startedNanos} has been dropped. */
    void followed(long startedNanos) {
        followedAt = startedNanos;
    }
}
