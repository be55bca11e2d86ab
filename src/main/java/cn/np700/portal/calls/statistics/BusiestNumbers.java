package cn.np700.portal.calls.statistics;

import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A tenant's busiest X numbers for a statistics period, ranked at most every {@link #FRESH} per tenant and period.
 * Ranking sums the per-X roll-up over every day of the period, hundreds of thousands of rows for a large enterprise
 * (about a second here), while the rest of the page reads a few rows; so a page shows the last ranking with its time
 * and, once that is older than {@link #FRESH}, has it redone in the background. A view waits only when the node has
 * no ranking of that period yet (the first view, and the first of each day); views arriving meanwhile wait for the
 * same ranking rather than each making one. Empty rankings are not kept, so asking about unknown tenants costs no
 * memory. Background rankings run one at a time on the {@value ExecutorNames#BUSIEST_NUMBERS_RERANKING} pool; one it
 * refuses (its queue full) is asked for again by the next view.
 */
@Component
class BusiestNumbers {

    static final Duration FRESH = Duration.ofMinutes(5);
    private static final int KEPT = 10_000;
    private static final Comparator<Held> NEWER = Comparator.comparing((Held h) -> h.ranking().last())
            .thenComparingLong(Held::generation);

    private final CallStatistics statistics;
    private final Clock clock;
    private final ConcurrentMap<Key, Held> rankings = new ConcurrentHashMap<>();
    private final Set<Key> reranking = ConcurrentHashMap.newKeySet();
    private final Object[] rankingLocks = new Object[64];
    private final AtomicLong generations = new AtomicLong();
    private final TaskExecutor reranker;

    BusiestNumbers(CallStatistics statistics, Clock clock,
            @Qualifier(ExecutorNames.BUSIEST_NUMBERS_RERANKING) TaskExecutor reranker) {
        this.statistics = statistics;
        this.clock = clock;
        this.reranker = reranker;
        for (int i = 0; i < rankingLocks.length; i++) {
            rankingLocks[i] = new Object();
        }
    }

    /** The ranking, and when it was made. */
    record Ranking(LocalDate first, LocalDate last, List<BusyNumber> numbers, Instant rankedAt) {

        boolean covers(StatsPeriod period) {
            return first.equals(period.first()) && last.equals(period.last());
        }
    }

    private record Key(TenantId tenant, int days) {
    }

    /** Generations order rankings by when they were started, whatever the wall clock did meanwhile. */
    private record Held(Ranking ranking, long generation) {
    }

    Ranking of(TenantId tenant, StatsPeriod period) {
        Key key = new Key(tenant, period.days());
        Held known = rankings.get(key);
        if (known == null || !known.ranking().covers(period)) {
            synchronized (rankingLocks[Math.floorMod(key.hashCode(), rankingLocks.length)]) {
                known = rankings.get(key);
                if (known == null || !known.ranking().covers(period)) {
                    return rank(key, period);
                }
            }
        }
        if (known.ranking().rankedAt().plus(FRESH).isBefore(clock.instant()) && reranking.add(key)) {
            try {
                reranker.execute(() -> {
                    try {
                        rank(key, period);
                    } finally {
                        reranking.remove(key);
                    }
                });
            } catch (RejectedExecutionException e) {
                reranking.remove(key);
            }
        }
        return known.ranking();
    }

    private Ranking rank(Key key, StatsPeriod period) {
        long generation = generations.incrementAndGet();
        Ranking ranking = new Ranking(period.first(), period.last(), statistics.busiest(key.tenant(), period),
                clock.instant());
        if (!ranking.numbers().isEmpty()) {
            if (rankings.size() >= KEPT) {
                rankings.clear();
            }
            rankings.merge(key, new Held(ranking, generation), (old, fresh) -> NEWER.compare(fresh, old) > 0 ? fresh : old);
        }
        return ranking;
    }
}
