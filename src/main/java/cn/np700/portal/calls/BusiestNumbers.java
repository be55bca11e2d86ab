package cn.np700.portal.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A tenant's busiest X numbers for a statistics period, ranked at most every {@link #FRESH} per tenant and period.
 * Ranking sums the per-X roll-up over every day of the period, hundreds of thousands of rows for a large enterprise
 * (about a second here), while the rest of the page reads a few rows; so a page shows the last ranking with its time
 * and, once that is older than {@link #FRESH}, has it redone in the background. Only the first view of a period on a
 * node (and of each new day) waits for the ranking.
 */
@Component
class BusiestNumbers implements DisposableBean {

    static final Duration FRESH = Duration.ofMinutes(5);

    private final CallStatistics statistics;
    private final Clock clock;
    private final ConcurrentMap<Key, Ranking> rankings = new ConcurrentHashMap<>();
    private final Set<Key> reranking = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor reranker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), runnable -> {
                Thread thread = new Thread(runnable, "busiest-numbers");
                thread.setDaemon(true);
                return thread;
            });

    BusiestNumbers(CallStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    /** The ranking, and when it was made. */
    record Ranking(LocalDate first, LocalDate last, List<BusyNumber> numbers, Instant rankedAt) {

        boolean covers(StatsPeriod period) {
            return first.equals(period.first()) && last.equals(period.last());
        }
    }

    private record Key(long tenantId, int days) {
    }

    Ranking of(long tenantId, StatsPeriod period) {
        Key key = new Key(tenantId, period.days());
        Ranking known = rankings.get(key);
        if (known == null || !known.covers(period)) {
            return rank(key, period);
        }
        if (known.rankedAt().plus(FRESH).isBefore(clock.instant()) && reranking.add(key)) {
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
        return known;
    }

    private Ranking rank(Key key, StatsPeriod period) {
        Ranking ranking = new Ranking(period.first(), period.last(), statistics.busiest(key.tenantId(), period),
                clock.instant());
        rankings.merge(key, ranking, (old, fresh) -> fresh.rankedAt().isBefore(old.rankedAt()) ? old : fresh);
        return ranking;
    }

    @Override
    public void destroy() {
        reranker.shutdownNow();
    }
}
