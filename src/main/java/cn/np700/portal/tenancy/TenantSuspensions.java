package cn.np700.portal.tenancy;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionLedger;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.suspension.SuspensionSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspends an enterprise for a reason (an operator's, an alert's) and lifts reasons again. The tenant is SUSPENDED while
 * any reason is open: tenant.suspension_reasons counts them, changed with the reason in one transaction and with the
 * version bumped (so that a profile edit read before cannot write the old status back). The first reason and the last
 * lifting move the status (TenantStatusChanged: sessions end, the trail records it); the others are audited on their own.
 * A terminated tenant takes no reason and stays terminated.
 */
@Service
public class TenantSuspensions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SuspensionLedger reasons;

    TenantSuspensions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.reasons = new SuspensionLedger(jdbc, "tenant_suspension");
    }

    /** False when the tenant is terminated (or unknown) or that source already holds a reason on it. */
    @RetryOnTransientFailure
    @Transactional
    public boolean suspendFor(TenantId tenant, SuspensionSource source, String sourceId, String by, String why) {
        Instant now = clock.instant();
        Optional<String> status = jdbc.sql("SELECT status FROM tenant WHERE id = ? FOR UPDATE").param(tenant)
                .query(String.class).optional();
        if (status.isEmpty() || status.get().equals("TERMINATED")) {
            return false;
        }
        Optional<Long> id = reasons.open(tenant.value(), source, sourceId, by, why, now);
        if (id.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                UPDATE tenant SET status = 'SUSPENDED', status_reason = ?, suspension_reasons = suspension_reasons + 1,
                    updated_at = ?, version = version + 1 WHERE id = ?""").params(why, Timestamp.from(now), tenant).update();
        if (status.get().equals("ACTIVE")) {
            events.publishEvent(new TenantStatusChanged(tenant, TenantStatus.ACTIVE, TenantStatus.SUSPENDED, why));
        } else {
            events.publishEvent(new TenantSuspensionReasonChanged(tenant, true, why, source, id.get()));
        }
        return true;
    }

    /** Lifts the reason that source holds on the tenant; false when it holds none. */
    @RetryOnTransientFailure
    @Transactional
    public boolean liftFor(TenantId tenant, SuspensionSource source, String sourceId, String by, String note) {
        return reasons.openFrom(tenant.value(), source, sourceId).map(r -> lift(tenant, r.id(), by, note)).orElse(false);
    }

    /** Lifts one reason; false when it is not open on this tenant. Only the last one reactivates the tenant. */
    @RetryOnTransientFailure
    @Transactional
    public boolean lift(TenantId tenant, long reasonId, String by, String note) {
        Instant now = clock.instant();
        // the tenant row first, as when a reason opens, so that an opening and a lifting never wait on each other in a cycle
        jdbc.sql("SELECT id FROM tenant WHERE id = ? FOR UPDATE").param(tenant).query(Long.class).optional();
        Optional<SuspensionReason> lifted = reasons.lift(tenant.value(), reasonId, by, note, now);
        if (lifted.isEmpty()) {
            return false;
        }
        // status is assigned before the count, from the count as it was
        jdbc.sql("""
                UPDATE tenant SET status = CASE WHEN status = 'SUSPENDED' AND suspension_reasons <= 1 THEN 'ACTIVE' ELSE status END,
                    suspension_reasons = suspension_reasons - 1, updated_at = ?, version = version + 1
                WHERE id = ? AND suspension_reasons > 0""").params(Timestamp.from(now), tenant).update();
        jdbc.sql("""
                UPDATE tenant SET status_reason = CASE WHEN status = 'ACTIVE' THEN ? WHEN status = 'SUSPENDED' THEN (
                    SELECT s.why FROM tenant_suspension s WHERE s.subject_id = ? AND s.open_key = 1 ORDER BY s.id DESC LIMIT 1)
                    ELSE status_reason END WHERE id = ?""").params(note, tenant, tenant).update();
        String status = jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenant).query(String.class).single();
        if (status.equals("ACTIVE")) {
            events.publishEvent(new TenantStatusChanged(tenant, TenantStatus.SUSPENDED, TenantStatus.ACTIVE, note));
        } else {
            events.publishEvent(new TenantSuspensionReasonChanged(tenant, false, note, lifted.get().source(), reasonId));
        }
        return true;
    }

    public boolean heldBy(TenantId tenant, SuspensionSource source, String sourceId) {
        return reasons.openFrom(tenant.value(), source, sourceId).isPresent();
    }

    /** Every reason the tenant ever had, open ones first. */
    public List<SuspensionReason> reasons(TenantId tenant) {
        return reasons.of(tenant.value());
    }

    public List<SuspensionReason> openReasons(TenantId tenant) {
        return reasons.of(tenant.value()).stream().filter(SuspensionReason::open).toList();
    }
}
