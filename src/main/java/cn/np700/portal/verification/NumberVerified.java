package cn.np700.portal.verification;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real-name check was made and stored; the trail keeps the number masked. {@code actor}: who it is recorded for when
 * not the signed-in user (a bulk check runs in the background for whoever started it); {@code runId}: the bulk
 * verification it belongs to, if any.
 */
public record NumberVerified(long verificationId, TenantId tenantId, String mobileMasked, VerificationOutcome outcome,
        boolean threeElements, VerificationSource source, AuditActor namedActor, Long runId) implements AuditableEvent {

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
        Map<String, Object> details = new LinkedHashMap<>(Map.of("mobile", mobileMasked, "outcome", outcome.name(),
                "elements", threeElements ? 3 : 2, "source", source.name()));
        if (runId != null) {
            details.put("run", runId);
        }
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.ofNullable(namedActor);
    }
}
