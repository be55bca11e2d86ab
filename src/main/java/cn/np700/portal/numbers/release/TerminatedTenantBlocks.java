package cn.np700.portal.numbers.release;

import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.TenantStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A terminated enterprise keeps no numbers: in the termination's own transaction each block it holds is reclaimed into
 * cooling (audited as a reclaim), and the bindings module ends its live bindings on them, each on the audit trail.
 */
@Component
class TerminatedTenantBlocks {

    private final BlockRelease release;

    TerminatedTenantBlocks(BlockRelease release) {
        this.release = release;
    }

    @EventListener
    void on(TenantStatusChanged change) {
        if (change.to() == TenantStatus.TERMINATED) {
            release.reclaimAllOf(change.tenantId());
        }
    }
}
