package cn.np700.portal.numbers.release;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.LiveBindingsEnding;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSettings;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.NotFoundException;
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
 * A tenant releases a block it holds, or an operator reclaims one. The block row, the tenant's quota row and all the
 * block's numbers are locked in that order (approvals lock the quota row before they add numbers, so neither waits
 * on the other in a cycle); a binding cannot be made on one of the numbers while the live bindings are counted. A
 * tenant may release only when none is live and nothing is suspended; an operator may force it after confirming the
 * count seen on screen.
 */
@Service
public class BlockRelease {

    private final JdbcClient jdbc;
    private final Quotas quotas;
    private final NumberSettings settings;
    private final ApplicationEventPublisher events;
    private final NumberSuspensions suspensions;
    private final Clock clock;

    BlockRelease(JdbcClient jdbc, Quotas quotas, NumberSettings settings, ApplicationEventPublisher events,
            NumberSuspensions suspensions, Clock clock) {
        this.suspensions = suspensions;
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @RetryOnTransientFailure
    @Transactional
    public void release(TenantId tenantId, BlockCode code) {
        if (!lockHolder(code).filter(tenantId::equals).isPresent()) {
            throw new NotFoundException("block " + code);
        }
        quotas.lockRow(tenantId);
        if (suspended(code, tenantId)) {
            throw new NumberRuleException("release.suspended");
        }
        int live = lockAndCountLive(code, tenantId);
        if (live > 0) {
            throw new NumberRuleException("release.liveBindings", live);
        }
        leave(code, tenantId, false, 0);
    }

    /** {@code confirmedLive}: the live-binding count the operator saw and confirmed; null when not forcing. */
    @RetryOnTransientFailure
    @Transactional
    public void reclaim(BlockCode code, Integer confirmedLive) {
        reclaim(code, confirmedLive, false);
    }

    /** Every block the terminated tenant still holds goes into cooling, its live bindings ended whatever their count. */
    @RetryOnTransientFailure
    @Transactional
    void reclaimAllOf(TenantId tenantId) {
        List<Long> codes = jdbc.sql("SELECT code FROM number_block WHERE tenant_id = ? AND status = 'ALLOCATED' ORDER BY code")
                .param(tenantId).query(Long.class).list();
        codes.forEach(code -> reclaim(BlockCode.of(code), null, true));
    }

    private void reclaim(BlockCode code, Integer confirmedLive, boolean whateverLive) {
        TenantId holder = lockHolder(code).orElseThrow(() -> new NumberRuleException("reclaim.notAllocated"));
        quotas.lockRow(holder);
        int live = lockAndCountLive(code, holder);
        if (live > 0) {
            if (whateverLive) {
                confirmedLive = live;
            }
            if (confirmedLive == null) {
                throw new NumberRuleException("reclaim.liveBindings", live);
            }
            if (confirmedLive != live) {
                throw new NumberRuleException("reclaim.countChanged", confirmedLive, live);
            }
            events.publishEvent(new LiveBindingsEnding(holder, code.firstNumber(), code.lastNumber(), live));
        }
        leave(code, holder, true, live);
    }

    /** The holding tenant, with the block row locked; empty when the block is not allocated. */
    private Optional<TenantId> lockHolder(BlockCode code) {
        return jdbc.sql("SELECT tenant_id FROM number_block WHERE code = ? AND status = 'ALLOCATED' FOR UPDATE")
                .param(code.value()).query(Long.class).optional().map(TenantId::of);
    }

    /** The block, or any number of it, suspended by an operator: only an operator may take it back. */
    private boolean suspended(BlockCode code, TenantId holder) {
        return jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ? AND tenant_id = ? AND suspended_reason IS NOT NULL")
                .params(code.value(), holder).query(Long.class).single() > 0
                || jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ? AND number BETWEEN ? AND ? AND status <> 'AVAILABLE'")
                        .params(holder, code.firstNumber(), code.lastNumber()).query(Long.class).single() > 0;
    }

    private int lockAndCountLive(BlockCode code, TenantId holder) {
        return jdbc.sql("SELECT COALESCE(SUM(live_bindings), 0) FROM pool_number WHERE tenant_id = ? AND number BETWEEN ? AND ? FOR UPDATE")
                .params(holder, code.firstNumber(), code.lastNumber()).query(Integer.class).single();
    }

    private void leave(BlockCode code, TenantId tenantId, boolean reclaimed, int liveEnded) {
        Instant now = clock.instant();
        Instant coolingUntil = now.plus(settings.coolingPeriod());
        suspensions.liftAllOf(code, reclaimed ? "BLOCK_RECLAIMED" : "BLOCK_RELEASED");
        jdbc.sql("DELETE FROM pool_number WHERE tenant_id = ? AND number BETWEEN ? AND ?")
                .params(tenantId, code.firstNumber(), code.lastNumber()).update();
        jdbc.sql("UPDATE number_block SET status = 'COOLING', tenant_id = NULL, request_id = NULL, allocated_at = NULL, cooling_until = ?, "
                        + "suspended_reason = NULL, updated_at = ? WHERE code = ? AND tenant_id = ?")
                .params(Timestamp.from(coolingUntil), Timestamp.from(now), code.value(), tenantId).update();
        quotas.giveBackBlock(tenantId);
        events.publishEvent(new BlockReleased(code.value(), tenantId, reclaimed, liveEnded, coolingUntil));
    }
}
