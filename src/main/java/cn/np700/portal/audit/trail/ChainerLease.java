package cn.np700.portal.audit.trail;

import cn.np700.portal.database.TransientFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Which node's chainer links the chain: the one holding the {@value #NAME} ShedLock row. The holder renews it before
 * each batch; the others find it taken without writing anything (so a cluster's nodes do not fight over the chain head)
 * and take it over once a holder that stopped or died lets it run out ({@link #TERM}). Used by the chainer's own
 * thread only.
 */
final class ChainerLease {

    static final String NAME = "audit-chainer";
    /** How long a silent holder keeps the others from linking: entries wait that long, none is lost. */
    static final Duration TERM = Duration.ofSeconds(10);

    private final LockProvider locks;
    private SimpleLock held;

    ChainerLease(LockProvider locks) {
        this.locks = locks;
    }

    /** Whether this node holds the lease now, renewing or taking it. */
    boolean hold() {
        try {
            if (held != null) {
                held = held.extend(TERM, Duration.ZERO).orElse(null);
            }
            if (held == null) {
                held = locks.lock(new LockConfiguration(Instant.now(), NAME, TERM, Duration.ZERO)).orElse(null);
            }
        } catch (RuntimeException e) {
            // two nodes taking it at the same moment on a Galera cluster: the loser fails certification
            if (TransientFailure.of(e).isEmpty()) {
                throw e;
            }
            held = null;
        }
        return held != null;
    }

    /** Lets another node take over at once. */
    void release() {
        Optional.ofNullable(held).ifPresent(SimpleLock::unlock);
        held = null;
    }
}
