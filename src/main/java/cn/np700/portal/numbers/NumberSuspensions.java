package cn.np700.portal.numbers;

import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionLedger;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.suspension.SuspensionSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspends and restores a single number or a whole allocated block, with a reason. A number is held by reasons (an
 * operator's, an alert's, a complaint's): it stays SUSPENDED while any is open, and lifting one never lifts another;
 * pool_number.suspension_reasons counts the open ones in the same transaction, so routing reads one status column. A
 * suspended number takes no new binding. A number suspended on its own stays suspended when its block is restored,
 * and the reverse.
 */
@Service
public class NumberSuspensions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AuditActorProvider actors;
    private final Clock clock;
    private final SuspensionLedger reasons;

    NumberSuspensions(JdbcClient jdbc, ApplicationEventPublisher events, AuditActorProvider actors, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.actors = actors;
        this.clock = clock;
        this.reasons = new SuspensionLedger(jdbc, "number_suspension");
    }

    /** The signed-in operator's own reason; refused when an operator's reason is already open on the number. */
    @RetryOnTransientFailure
    @Transactional
    public void suspendNumber(UsageNumber number, String reason) {
        if (!open(number, SuspensionSource.OPERATOR, "", actors.currentActor().name(), reason(reason))) {
            throw new NumberRuleException("suspend.already");
        }
    }

    /** Lifts the operator's own reason; the number stays suspended while another reason holds it. */
    @RetryOnTransientFailure
    @Transactional
    public void restoreNumber(UsageNumber number, String note) {
        String why = reason(note);
        holder(number);
        SuspensionReason held = reasons.openFrom(number.value(), SuspensionSource.OPERATOR, "")
                .orElseThrow(() -> new NumberRuleException(reasons.of(number.value()).stream().anyMatch(SuspensionReason::open)
                        ? "restore.otherReasons" : "restore.notSuspended"));
        close(number, held.id(), actors.currentActor().name(), why);
    }

    /** Adds a reason from another source (an alert, a complaint); false when that source already holds one. */
    @RetryOnTransientFailure
    @Transactional
    public boolean suspendFor(UsageNumber number, SuspensionSource source, String sourceId, String by, String why) {
        return open(number, source, sourceId, by, reason(why));
    }

    /** Lifts the reason that source holds; false when it holds none (lifted already). */
    @RetryOnTransientFailure
    @Transactional
    public boolean liftFor(UsageNumber number, SuspensionSource source, String sourceId, String by, String note) {
        String why = reason(note);
        return reasons.openFrom(number.value(), source, sourceId).map(r -> close(number, r.id(), by, why)).orElse(false);
    }

    /** Lifts one reason by its id (an operator on the number's page); refused when it is not open on this number. */
    @RetryOnTransientFailure
    @Transactional
    public void lift(UsageNumber number, long reasonId, String note) {
        String why = reason(note);
        holder(number);
        if (!close(number, reasonId, actors.currentActor().name(), why)) {
            throw new NumberRuleException("restore.notSuspended");
        }
    }

    public boolean heldBy(UsageNumber number, SuspensionSource source, String sourceId) {
        return reasons.openFrom(number.value(), source, sourceId).isPresent();
    }

    /** Every reason the number ever had, open ones first. */
    public List<SuspensionReason> reasons(UsageNumber number) {
        return reasons.of(number.value());
    }

    /**
     * Why each of these numbers takes no calls, for pages that show a number's state: its open reasons, and whether its
     * whole block is suspended. Each number comes with the tenant whose binding shows it, read in that tenant's pool;
     * numbers that are usable are left out.
     */
    public Map<Long, NumberHold> holds(Map<Long, TenantId> numbersAndHolders) {
        Map<Long, NumberHold> holds = new LinkedHashMap<>();
        Map<TenantId, List<Long>> byHolder = new LinkedHashMap<>();
        numbersAndHolders.forEach((number, holder) -> byHolder.computeIfAbsent(holder, h -> new ArrayList<>()).add(number));
        Map<Long, String> states = new LinkedHashMap<>();
        byHolder.forEach((holder, numbers) -> {
            List<Object> params = new ArrayList<>();
            params.add(holder);
            params.addAll(numbers);
            jdbc.sql("SELECT number, status FROM pool_number WHERE tenant_id = ? AND status <> 'AVAILABLE' AND number IN ("
                            + String.join(", ", Collections.nCopies(numbers.size(), "?")) + ")")
                    .params(params).query(rs -> {
                        states.put(rs.getLong(1), rs.getString(2));
                    });
        });
        Map<Long, List<SuspensionReason>> open = reasons.openOf(states.keySet());
        states.forEach((number, status) -> holds.put(number,
                new NumberHold(number, status.equals("BLOCK_SUSPENDED"), open.getOrDefault(number, List.of()))));
        return holds;
    }

    /** How many of the tenant's numbers take no calls (suspended alone or with their block), and their live bindings. */
    public SuspendedNumbers suspendedOf(TenantId tenantId) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(live_bindings), 0) FROM pool_number WHERE tenant_id = ? AND status <> 'AVAILABLE'")
                .param(tenantId).query((rs, n) -> new SuspendedNumbers(rs.getLong(1), rs.getLong(2))).single();
    }

    public record SuspendedNumbers(long numbers, long liveBindings) {
    }

    /** The open reasons of the tenant's suspended numbers, by number. */
    public Map<Long, List<SuspensionReason>> openReasons(TenantId tenantId) {
        List<Long> suspended = jdbc.sql("SELECT number FROM pool_number WHERE tenant_id = ? AND status = 'SUSPENDED' ORDER BY number LIMIT 1000")
                .param(tenantId).query(Long.class).list();
        return reasons.openOf(suspended);
    }

    /** The block's numbers leave the pool: their open reasons close with them. */
    public void liftAllOf(BlockCode code, String note) {
        reasons.liftAll(code.firstNumber(), code.lastNumber(), actors.currentActor().name(), note, clock.instant());
    }

    private boolean open(UsageNumber number, SuspensionSource source, String sourceId, String by, String why) {
        TenantId tenant = lockHolder(number);
        Optional<Long> id = reasons.open(number.value(), source, sourceId, by, why, clock.instant());
        if (id.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE pool_number SET status = 'SUSPENDED', suspended_reason = ?, suspension_reasons = suspension_reasons + 1 "
                + "WHERE number = ?").params(why, number.value()).update();
        events.publishEvent(NumbersAudit.of("NUMBER_SUSPENDED", "NUMBER", number.digits(), tenant,
                details(why, source, sourceId, id.get(), true)));
        return true;
    }

    // status is assigned before the count, from the count as it was: MySQL assigns left to right, MariaDB may not
    private boolean close(UsageNumber number, long reasonId, String by, String note) {
        TenantId tenant = lockHolder(number);
        Optional<SuspensionReason> lifted = reasons.lift(number.value(), reasonId, by, note, clock.instant());
        if (lifted.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                UPDATE pool_number SET status = CASE WHEN suspension_reasons > 1 THEN 'SUSPENDED' WHEN EXISTS (
                    SELECT 1 FROM number_block b WHERE b.code = ? AND b.suspended_reason IS NOT NULL)
                    THEN 'BLOCK_SUSPENDED' ELSE 'AVAILABLE' END,
                    suspension_reasons = suspension_reasons - 1
                WHERE number = ? AND suspension_reasons > 0""")
                .params(number.block().value(), number.value()).update();
        jdbc.sql("UPDATE pool_number SET suspended_reason = (SELECT o.why FROM number_suspension o "
                        + "WHERE o.subject_id = ? AND o.open_key = 1 ORDER BY o.id DESC LIMIT 1) WHERE number = ?")
                .params(number.value(), number.value()).update();
        boolean still = jdbc.sql("SELECT status FROM pool_number WHERE number = ?").param(number.value()).query(String.class)
                .single().equals("SUSPENDED");
        events.publishEvent(NumbersAudit.of("NUMBER_UNSUSPENDED", "NUMBER", number.digits(), tenant,
                details(note, lifted.get().source(), lifted.get().sourceId(), reasonId, still)));
        return true;
    }

    private static Map<String, Object> details(String why, SuspensionSource source, String sourceId, long reasonId,
            boolean suspended) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", why);
        details.put("source", source.name());
        if (sourceId != null && !sourceId.isEmpty()) {
            details.put("sourceId", sourceId);
        }
        details.put("reasonId", reasonId);
        details.put("suspended", suspended);
        return details;
    }

    @RetryOnTransientFailure
    @Transactional
    public void suspendBlock(BlockCode code, String reason) {
        String why = reason(reason);
        TenantId tenant = blockHolder(code);
        int changed = jdbc.sql("UPDATE number_block SET suspended_reason = ?, updated_at = ? WHERE code = ? AND status = 'ALLOCATED' AND suspended_reason IS NULL")
                .params(why, Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("suspend.already");
        }
        jdbc.sql("UPDATE pool_number SET status = 'BLOCK_SUSPENDED' WHERE number BETWEEN ? AND ? AND status = 'AVAILABLE'")
                .params(code.firstNumber(), code.lastNumber()).update();
        events.publishEvent(NumbersAudit.of("BLOCK_SUSPENDED", "NUMBER_BLOCK", code.digits(), tenant, Map.of("reason", why)));
    }

    @RetryOnTransientFailure
    @Transactional
    public void restoreBlock(BlockCode code, String reason) {
        String why = reason(reason);
        TenantId tenant = blockHolder(code);
        int changed = jdbc.sql("UPDATE number_block SET suspended_reason = NULL, updated_at = ? WHERE code = ? AND status = 'ALLOCATED' AND suspended_reason IS NOT NULL")
                .params(Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("restore.notSuspended");
        }
        jdbc.sql("UPDATE pool_number SET status = 'AVAILABLE' WHERE number BETWEEN ? AND ? AND status = 'BLOCK_SUSPENDED'")
                .params(code.firstNumber(), code.lastNumber()).update();
        events.publishEvent(NumbersAudit.of("BLOCK_UNSUSPENDED", "NUMBER_BLOCK", code.digits(), tenant, Map.of("reason", why)));
    }

    /** A block granted by mistake or withdrawn by the regulator leaves the inventory for good. */
    @RetryOnTransientFailure
    @Transactional
    public void retire(BlockCode code, String reason) {
        String why = reason(reason);
        int changed = jdbc.sql("UPDATE number_block SET status = 'RETIRED', cooling_until = NULL, updated_at = ? "
                        + "WHERE code = ? AND status IN ('IN_INVENTORY', 'COOLING')")
                .params(Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("retire.notAllowed");
        }
        events.publishEvent(NumbersAudit.of("BLOCK_RETIRED", "NUMBER_BLOCK", code.digits(), null, Map.of("reason", why)));
    }

    private TenantId holder(UsageNumber number) {
        return jdbc.sql("SELECT tenant_id FROM pool_number WHERE number = ?").param(number.value()).query(Long.class)
                .optional().map(TenantId::of).orElseThrow(() -> new NumberRuleException("number.notInPool", number.display()));
    }

    /**
     * The holder, with the number's row locked: an opening, a lifting and a reclaim all take the pool row before the
     * reasons, so that none waits on another in a cycle.
     */
    private TenantId lockHolder(UsageNumber number) {
        return jdbc.sql("SELECT tenant_id FROM pool_number WHERE number = ? FOR UPDATE").param(number.value()).query(Long.class)
                .optional().map(TenantId::of).orElseThrow(() -> new NumberRuleException("number.notInPool", number.display()));
    }

    private TenantId blockHolder(BlockCode code) {
        return jdbc.sql("SELECT tenant_id FROM number_block WHERE code = ? AND status = 'ALLOCATED'").param(code.value())
                .query(Long.class).optional().map(TenantId::of)
                .orElseThrow(() -> new NumberRuleException("block.notAllocated", code.display()));
    }

    private static String reason(String typed) {
        String trimmed = typed == null ? "" : typed.trim();
        if (trimmed.isEmpty()) {
            throw new NumberRuleException("reason.required");
        }
        if (trimmed.length() > 500) {
            throw new NumberRuleException("reason.tooLong");
        }
        return trimmed;
    }
}
