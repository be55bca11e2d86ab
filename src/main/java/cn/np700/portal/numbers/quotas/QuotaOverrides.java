package cn.np700.portal.numbers.quotas;

/** A tenant's own quota values as stored; null means the platform default applies. */
public record QuotaOverrides(Integer maxBlocks, Integer maxActiveBindings, Integer maxNewBindingsPerDay, Integer maxPairsPerX,
        Integer maxBindingLifetimeMinutes, Integer maxBPerAPerDay, int blocksHeld) {
}
