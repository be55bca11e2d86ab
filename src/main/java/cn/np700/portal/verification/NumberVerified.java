package cn.np700.portal.verification;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A real-name check was made and stored; the trail keeps the number masked. */
public record NumberVerified(long verificationId, Long tenantId, String mobileMasked, VerificationOutcome outcome,
        boolean threeElements, VerificationSource source) implements AuditableEvent {

    @Override
    public String action() {
        return "NUMBER_VERIFIED";
    }

    @Override
    public String targetType() {
        return "VERIFICATION";
    }

    @Override
    public String targetId() {
        return Long.toString(verificationId);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("mobile", mobileMasked, "outcome", outcome.name(), "elements", threeElements ? 3 : 2,
                "source", source.name());
    }
}
