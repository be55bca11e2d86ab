package cn.np700.portal.notifications;

import cn.np700.portal.scope.TenantId;

/**
 * A tenant's usage of one quota reached 80 % or 100 % in a period (the day for new bindings, the month for live
 * bindings and blocks), told once per quota, threshold and period; published in the transaction that stores that
 * notification. {@code measure} is LIVE_BINDINGS, NEW_BINDINGS_TODAY or BLOCKS.
 */
public record QuotaThresholdReached(TenantId tenant, String measure, int percent, int used, int limit, String period) {
}
