package cn.np700.portal.calls;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts rejections per reason (metric {@code portal.route.rejections}) and keeps them for operators. They are
 * written in batches every second, off the routing path, so routing stays one database round trip. At most
 * {@value #MAX_PENDING} wait; beyond that they are counted but not kept (a flood must not exhaust memory).
 */
@Component
class RouteRejections {

    private static final Logger log = LoggerFactory.getLogger(RouteRejections.class);
    static final int MAX_PENDING = 100_000;

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Rejection> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    RouteRejections(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
    }

    private record Rejection(Instant at, String callId, long x, String callerMasked, RejectReason reason, Long tenantId,
            Long bindingId) {
    }

    void record(String callId, long x, String callerMasked, RejectReason reason, Long tenantId, Long bindingId) {
        meters.counter("portal.route.rejections", "reason", reason.name()).increment();
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            meters.counter("portal.route.rejections.dropped").increment();
            return;
        }
        pending.add(new Rejection(clock.instant(), callId, x, callerMasked, reason, tenantId, bindingId));
    }

    @Scheduled(fixedDelayString = "${portal.calls.rejection-flush:PT1S}")
    void flushScheduled() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not store route rejections; will retry", e);
        }
    }

    /** Writes what is waiting; returns how many were written. */
    int flush() {
        List<Rejection> batch = new ArrayList<>();
        Rejection next;
        while (batch.size() < 5_000 && (next = pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        size.addAndGet(-batch.size());
        jdbc.batchUpdate("INSERT INTO route_rejection (at, call_id, x, caller_masked, reason, tenant_id, binding_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", batch, batch.size(), (ps, r) -> {
                    ps.setTimestamp(1, Timestamp.from(r.at()));
                    ps.setString(2, r.callId());
                    ps.setLong(3, r.x());
                    ps.setString(4, r.callerMasked());
                    ps.setString(5, r.reason().name());
                    ps.setObject(6, r.tenantId());
                    ps.setObject(7, r.bindingId());
                });
        return batch.size() + flush();
    }
}
