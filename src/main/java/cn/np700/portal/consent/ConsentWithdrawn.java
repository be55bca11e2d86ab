package cn.np700.portal.consent;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * A person withdrew their consent for {@code tenant}; published inside the withdrawing transaction after the number's
 * live bindings in that enterprise were ended. The number is masked.
 */
public record ConsentWithdrawn(TenantId tenant, long consentId, String maskedNumber, Instant at, int bindingsEnded) {
}
