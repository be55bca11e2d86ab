package cn.np700.portal.verification;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/** One stored check as pages and other modules see it: the number only masked. */
public record Verification(long id, TenantId tenantId, String mobileMasked, String nameMasked, boolean threeElements,
        VerificationOutcome outcome, String detail, Instant checkedAt, Instant validUntil, String checkedBy,
        VerificationSource source) {
}
