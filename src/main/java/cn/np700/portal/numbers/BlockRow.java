package cn.np700.portal.numbers;

import java.time.Instant;
import java.time.LocalDate;

/** One block as the inventory list and the block page show it. */
record BlockRow(long code, BlockStatus status, Long tenantId, String tenantName, Long requestId, String grantRef,
        LocalDate grantDate, long importId, Instant allocatedAt, Instant coolingUntil, String suspendedReason) {

    public boolean suspended() {
        return suspendedReason != null;
    }
}
