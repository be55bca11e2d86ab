package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import java.time.Duration;

/** The limits in force for one tenant: its own values where set, the platform defaults elsewhere. */
public record TenantQuota(TenantId tenantId, int maxBlocks, int maxActiveBindings, int maxNewBindingsPerDay,
        int maxPairsPerX, Duration maxBindingLifetime, int maxBPerAPerDay, int blocksHeld) {

    public int blocksRemaining() {
        return Math.max(0, maxBlocks - blocksHeld);
    }
}
