package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;

/**
 * Published inside a forced reclaim, before the block's numbers leave the pool: the bindings module ends every
 * live binding on numbers {@code firstNumber…lastNumber} in the same transaction.
 */
public record LiveBindingsEnding(TenantId tenantId, long firstNumber, long lastNumber, int liveBindings) {
}
