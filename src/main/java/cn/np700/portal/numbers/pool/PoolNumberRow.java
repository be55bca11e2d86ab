package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.NumberStatus;

/** One number of a tenant's pool as its list shows it. */
public record PoolNumberRow(long number, NumberStatus status, int liveBindings, String suspendedReason) {

    /** What the list shows: suspended first, then in use, else available. */
    public String state() {
        if (status != NumberStatus.AVAILABLE) {
            return status.name();
        }
        return liveBindings > 0 ? "IN_USE" : "AVAILABLE";
    }
}
