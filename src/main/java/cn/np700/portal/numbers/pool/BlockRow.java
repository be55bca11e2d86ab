package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.time.LocalDate;

/** One block as the inventory list and the block page show it; {@code tenantId} is null while no tenant holds it. */
public record BlockRow(long code, BlockStatus status, TenantId tenantId, String tenantName, Long requestId, String grantRef,
        LocalDate grantDate, long importId, Instant allocatedAt, Instant coolingUntil, String suspendedReason) {

    public boolean suspended() {
        return suspendedReason != null;
    }
}
