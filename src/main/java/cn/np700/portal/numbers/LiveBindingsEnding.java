package cn.np700.portal.numbers;

/**
 * Published inside a forced reclaim, before the block's numbers leave the pool: the bindings module ends every
 * live binding on numbers {@code firstNumber…lastNumber} in the same transaction.
 */
public record LiveBindingsEnding(long tenantId, long firstNumber, long lastNumber, int liveBindings) {
}
