package cn.np700.portal.calls.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import cn.np700.portal.database.TimeBudget;
import cn.np700.portal.scope.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts rejections per reason (metric {@code portal.route.rejections}) and keeps them for operators. They are
 * written in batches every second, off the routing path, so routing stays one database round trip. A batch whose
 * INSERT fails (the database is down or busy) stays in memory and is written at a later flush, so an outage loses
 * none; at most {@value #MAX_PENDING} wait, counting such a batch, and beyond that they are counted
 * ({@code portal.route.rejections.dropped}) but not kept: a long outage under a flood must not exhaust memory.
 * Shutdown writes what waits, after the web server has stopped taking calls and before the pools close.
 */
@Component
public class RouteRejections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteRejections.class);
    static final int MAX_PENDING = 100_000;
    static final int BATCH = 5_000;
    /** Stops after the web server (Boot's stops at DEFAULT_PHASE - 2048), so no rejection arrives after the last flush. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    /** A batch's socket timeout: a hung database must not hold the scheduler's one thread (every job's) for long. */
    static final Duration FLUSH_BUDGET = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int maxPending;
    private final Counter dropped;
    private final ConcurrentLinkedQueue<Rejection> queue = new ConcurrentLinkedQueue<>();
    /** The queue's and the unsent batch's together: what {@link #maxPending} bounds. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Taken off the queue but not yet stored; guarded by this. */
    private final List<Rejection> unsent = new ArrayList<>();
    /** Whether {@link #unsent} was tried and failed: it may have been stored all the same. Guarded by this. */
    private boolean unsentTried;
    private final AtomicBoolean full = new AtomicBoolean();
    private volatile boolean running;

    @Autowired
    RouteRejections(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
        this(jdbc, transactions, meters, clock, MAX_PENDING);
    }

    RouteRejections(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters, Clock clock,
            int maxPending) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.maxPending = maxPending;
        this.dropped = Counter.builder("portal.route.rejections.dropped")
                .description("Route rejections counted but never stored: too many waited, or shutdown could not store them")
                .register(meters);
        Gauge.builder("portal.route.rejections.pending", pending, AtomicInteger::get)
                .description("Route rejections waiting to be stored").register(meters);
    }

    /** {@code tenant} null: the X is held by no tenant. */
    private record Rejection(Instant at, String callId, long x, String callerMasked, RejectReason reason, TenantId tenant,
            Long bindingId) {
    }

    void record(String callId, long x, String callerMasked, RejectReason reason, Optional<TenantId> tenant,
            Long bindingId) {
        meters.counter("portal.route.rejections", "reason", reason.name()).increment();
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            dropped.increment();
            if (full.compareAndSet(false, true)) {
                log.error("{} route rejections wait to be stored: further ones are counted (portal.route.rejections"
                        + ".dropped) but not kept until the database takes some", maxPending);
            }
            return;
        }
        // whole microseconds, as stored, so that the row can be found again exactly
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        queue.add(new Rejection(at, callId, x, callerMasked, reason, tenant.orElse(null), bindingId));
    }

    /** How many wait to be stored. */
    public int pending() {
        return pending.get();
    }

    @Scheduled(fixedDelayString = "${portal.calls.rejection-flush:PT1S}")
    void flushScheduled() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not store route rejections ({} wait, kept in memory); the next flush tries again: {}",
                    pending.get(), e.getMessage());
        }
    }

    /**
     * Writes what is waiting, a batch per transaction, and returns how many were written. A batch that fails stays
     * to be written first next time. Being one transaction, a failed batch is stored wholly or not at all, and only a
     * failure at commit leaves it unknown which (the commit may have gone through and only its answer been lost): so a
     * batch tried before is written again only if its first row is not there.
     */
    public synchronized int flush() {
        int written = 0;
        while (true) {
            if (unsent.isEmpty()) {
                Rejection next;
                while (unsent.size() < BATCH && (next = queue.poll()) != null) {
                    unsent.add(next);
                }
                if (unsent.isEmpty()) {
                    return written;
                }
            }
            try (TimeBudget budget = TimeBudget.start(FLUSH_BUDGET)) {
                if (!(unsentTried && stored(unsent.get(0)))) {
                    unsentTried = true;
                    transactions.executeWithoutResult(status -> insert(unsent));
                }
            }
            written += unsent.size();
            pending.addAndGet(-unsent.size());
            unsent.clear();
            unsentTried = false;
            if (full.compareAndSet(true, false)) {
                log.info("Route rejections are stored again; {} wait", pending.get());
            }
        }
    }

    /** Whether this very row is stored: this node's flush alone writes it, so no one else can be writing it now. */
    private boolean stored(Rejection r) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM route_rejection WHERE at = ? AND call_id = ? AND x = ?",
                Long.class, Timestamp.from(r.at()), r.callId(), r.x()) > 0;
    }

    private void insert(List<Rejection> batch) {
        jdbc.batchUpdate("INSERT INTO route_rejection (at, call_id, x, caller_masked, reason, tenant_id, binding_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", batch, batch.size(), (ps, r) -> {
                    ps.setTimestamp(1, Timestamp.from(r.at()));
                    ps.setString(2, r.callId());
                    ps.setLong(3, r.x());
                    ps.setString(4, r.callerMasked());
                    ps.setString(5, r.reason().name());
                    ps.setObject(6, r.tenant() == null ? null : r.tenant().value());
                    ps.setObject(7, r.bindingId());
                });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Writes what waits; what the database will not take now is dropped, and said so (and counted). */
    @Override
    public void stop() {
        running = false;
        try {
            int written = flush();
            if (written > 0) {
                log.info("Stored {} route rejections at shutdown", written);
            }
        } catch (RuntimeException e) {
            int lost = discard();
            log.error("Could not store {} route rejections at shutdown; they are dropped (counted in "
                    + "portal.route.rejections.dropped): {}", lost, e.getMessage());
        }
    }

    private synchronized int discard() {
        int lost = unsent.size();
        unsent.clear();
        unsentTried = false;
        while (queue.poll() != null) {
            lost++;
        }
        pending.addAndGet(-lost);
        dropped.increment(lost);
        return lost;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
