package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import java.util.Optional;

/**
 * One usage number as it stands now: its block, the tenant holding it (empty while its block is not allocated), its
 * own status and suspension reason, and the live bindings the bindings module counts on it.
 */
public record NumberFacts(UsageNumber number, BlockStatus blockStatus, String blockSuspendedReason, Optional<TenantId> holder,
        NumberStatus status, String suspendedReason, int liveBindings) {

    public boolean allocated() {
        return holder.isPresent();
    }

    public boolean suspendedAlone() {
        return status == NumberStatus.SUSPENDED;
    }
}
