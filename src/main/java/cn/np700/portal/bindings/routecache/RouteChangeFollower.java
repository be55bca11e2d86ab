package cn.np700.portal.bindings.routecache;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the journal every {@code poll} and drops what the changes of every node (this one's again, harmlessly)
 * name. Each read goes back {@code journal-overlap} before the previous read's server time, so a change whose
 * transaction committed after a read that could not see it yet is caught by a later one; the ids already applied
 * are remembered for as long as they stay in that window.
 */
@Component
class RouteChangeFollower {

    private static final Logger log = LoggerFactory.getLogger(RouteChangeFollower.class);

    private final RouteChangeJournal journal;
    private final RouteCache cache;
    private final Duration overlap;
    private final Map<Long, Instant> applied = new HashMap<>();
    private volatile Instant readUpTo = Instant.EPOCH;
    private Long readAt;
    private boolean failing;

    RouteChangeFollower(RouteChangeJournal journal, RouteCache cache,
            @Value("${portal.routing.cache.journal-overlap:PT1M}") Duration overlap) {
        this.journal = journal;
        this.cache = cache;
        this.overlap = overlap;
    }

    @Scheduled(fixedDelayString = "${portal.routing.cache.poll:PT1S}")
    public void scheduled() {
        try {
            follow();
            failing = false;
        } catch (DataAccessException e) {
            // the cache stops answering after stale-after on its own; say so once per outage, not every second
            if (!failing) {
                log.warn("Cannot read the route_change journal; routing answers from the database until it can: {}",
                        e.getMessage());
            }
            failing = true;
        }
    }

    synchronized void follow() {
        long started = System.nanoTime();
        Instant from = readUpTo.minus(overlap);
        RouteChangeJournal.Read read = journal.since(from);
        if (readAt == null || started - readAt > overlap.multipliedBy(5).toNanos()) {
            // the purge may have taken rows this node never read: start again
            cache.forget(RouteChange.everything());
        }
        for (RouteChangeJournal.Row row : read.rows()) {
            if (applied.putIfAbsent(row.id(), row.changedAt()) == null) {
                cache.forget(row.change());
            }
        }
        applied.values().removeIf(at -> at.isBefore(from));
        readUpTo = read.serverNow();
        readAt = started;
        cache.followed(started);
    }

    /** Rows older than ten windows: no follower's read reaches back that far. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    @SchedulerLock(name = "route-change-purge", lockAtMostFor = "PT5M")
    public void purge() {
        if (!readUpTo.equals(Instant.EPOCH)) {
            journal.purgeBefore(readUpTo.minus(overlap.multipliedBy(10)));
        }
    }
}
