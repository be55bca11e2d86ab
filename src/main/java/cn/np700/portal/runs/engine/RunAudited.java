package cn.np700.portal.runs.engine;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.runs.Run;
import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run started, finished or was cancelled: action {@code <KIND>_STARTED}, {@code _FINISHED} or {@code _CANCELLED}.
 * A run finishes in the background, so the finish names whoever started it; a cancel names the signed-in user.
 */
public record RunAudited(Run run, String what, AuditActor namedActor, Map<String, Object> extra) implements AuditableEvent {

    public static RunAudited started(Run run, Map<String, Object> details) {
        return new RunAudited(run, "STARTED", null, details);
    }

    static RunAudited finished(Run run) {
        return new RunAudited(run, "FINISHED", run.startedBy(), Map.of());
    }

    public static RunAudited cancelled(Run run) {
        return new RunAudited(run, "CANCELLED", null, Map.of());
    }

    @Override
    public String action() {
        return run.kind() + "_" + what;
    }

    @Override
    public String targetType() {
        return run.kind();
    }

    @Override
    public String targetId() {
        return Long.toString(run.id());
    }

    @Override
    public TenantId tenantId() {
        return run.tenant().orElse(null);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("label", run.label());
        details.put("total", run.total());
        if (!"STARTED".equals(what)) {
            details.put("status", run.status().name());
            details.put("done", run.position());
            details.putAll(run.counts().byName());
            if (run.failure() != null) {
                details.put("failure", run.failure());
            }
            if (run.claims() > 1) {
                details.put("claims", run.claims());
            }
        }
        details.putAll(extra);
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.ofNullable(namedActor);
    }
}
