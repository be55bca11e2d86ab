package cn.np700.portal.runs;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A background run as stored: items {@code 0..total-1}, of which {@code position} are done and counted. {@code claims}
 * says how many times a node took it up: more than one means it was resumed after its node stopped. {@code tenant}:
 * whose run it is; empty for a platform run.
 */
public record Run(long id, String kind, Optional<TenantId> tenant, String label, AuditActor startedBy, int total, int position,
        RunCounts counts, RunStatus status, String failure, String endedBy, int claims, Instant createdAt,
        Instant finishedAt) {

    public boolean running() {
        return status == RunStatus.RUNNING;
    }

    public boolean resumed() {
        return claims > 1;
    }

    /** The stable code of why it failed ("RESTARTED_TOO_OFTEN", "BROKE", …), without the detail after a colon. */
    public String failureCode() {
        if (failure == null) {
            return null;
        }
        int colon = failure.indexOf(':');
        return (colon < 0 ? failure : failure.substring(0, colon)).trim();
    }
}
