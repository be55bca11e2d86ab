package cn.np700.portal.bindings;

import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionLedger;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.suspension.SuspensionSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspends a live binding for a reason (routing then rejects it) and lifts reasons again; each audited. The binding
 * stays SUSPENDED while any reason is open: binding.suspension_reasons counts them in the same transaction, so
 * lifting one reason never lifts another.
 */
@Service
public class BindingSuspensions {

    private final BindingLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SuspensionLedger reasons;

    BindingSuspensions(BindingLedger ledger, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.reasons = ledger.suspensionReasons();
    }

    /** False when the binding is not live or that source already holds a reason on it. */
    @RetryOnTransientFailure
    @Transactional
    public boolean suspendFor(long bindingId, SuspensionSource source, String sourceId, String by, String why) {
        Instant now = clock.instant();
        Optional<TenantId> tenant = ledger.lockForSuspension(bindingId, now);
        if (tenant.isEmpty()) {
            return false;
        }
        Optional<Long> id = reasons.open(bindingId, source, sourceId, by, why, now);
        if (id.isEmpty()) {
            return false;
        }
        ledger.suspend(bindingId, now);
        events.publishEvent(new BindingSuspensionChanged(bindingId, tenant.get(), true, why, source, id.get()));
        return true;
    }

    /** Lifts the reason that source holds on the binding; false when it holds none. */
    @RetryOnTransientFailure
    @Transactional
    public boolean liftFor(long bindingId, SuspensionSource source, String sourceId, String by, String note) {
        return reasons.openFrom(bindingId, source, sourceId).map(r -> lift(bindingId, r.id(), by, note)).orElse(false);
    }

    /**
     * Lifts one reason; false when it is not open on this binding. The status goes back to ACTIVE only with the last
     * open reason (assigned before the count, from the count as it was), and an ended binding keeps its end.
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean lift(long bindingId, long reasonId, String by, String note) {
        Instant now = clock.instant();
        // the binding row first, as when a reason opens, so that an opening and a lifting never wait on each other in a cycle
        ledger.lock(bindingId);
        Optional<SuspensionReason> lifted = reasons.lift(bindingId, reasonId, by, note, now);
        if (lifted.isEmpty()) {
            return false;
        }
        ledger.liftOneReason(bindingId, now);
        events.publishEvent(new BindingSuspensionChanged(bindingId, ledger.tenantOf(bindingId), false, note, lifted.get().source(), reasonId));
        return true;
    }

    /** The bindings on which the source holds an open reason. */
    public List<Long> heldBy(SuspensionSource source, String sourceId) {
        return reasons.subjectsHeldBy(source, sourceId);
    }

    public List<SuspensionReason> reasons(long bindingId) {
        return reasons.of(bindingId);
    }

    public Map<Long, List<SuspensionReason>> openReasons(Collection<Long> bindingIds) {
        return reasons.openOf(bindingIds);
    }
}
