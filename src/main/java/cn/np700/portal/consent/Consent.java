package cn.np700.portal.consent;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/** One consent of an enterprise for a number, shown masked; in force until withdrawn. */
public record Consent(long id, TenantId tenantId, String numberMasked, ConsentChannel channel, String evidence,
        Instant grantedAt, Instant recordedAt, String recordedBy, Instant withdrawnAt, String withdrawnBy) {

    public boolean inForce() {
        return withdrawnAt == null;
    }
}
