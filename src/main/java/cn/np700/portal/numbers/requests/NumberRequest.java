package cn.np700.portal.numbers.requests;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/** A tenant's application for blocks, as stored. */
public record NumberRequest(long id, TenantId tenantId, int blocksRequested, String scenario, long expectedDailyBindings,
        String justification, RequestStatus status, String submittedBy, Instant submittedAt, Long firstApproverId,
        String firstApprover, Integer firstApprovedCount, String firstPickedCodes, Integer approvedCount,
        String decidedBy, Instant decidedAt, String reason) {

    public boolean awaitingSecondApproval() {
        return status == RequestStatus.SUBMITTED && firstApproverId != null;
    }
}
