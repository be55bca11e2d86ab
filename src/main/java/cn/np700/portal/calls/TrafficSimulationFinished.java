package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A simulation ended, every call made or stopped early, with its figures. It ends in the background, so it names the
 * operator who started it.
 */
record TrafficSimulationFinished(long runId, Long tenantId, TrafficRunStatus status, int doneCalls,
        TrafficOutcome outcome, AuditActor startedBy) implements AuditableEvent {

    @Override
    public String action() {
        return "TRAFFIC_SIMULATION_FINISHED";
    }

    @Override
    public String targetType() {
        return "TRAFFIC_RUN";
    }

    @Override
    public String targetId() {
        return Long.toString(runId);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status.name());
        details.put("calls", doneCalls);
        details.put("connected", outcome.connected());
        details.put("rejected", outcome.rejected());
        outcome.rejections().forEach((reason, calls) -> details.put("rejected." + reason.name(), calls));
        details.put("recordsAccepted", outcome.accepted());
        details.put("recordsUnmatched", outcome.unmatched());
        details.put("recordsDuplicate", outcome.duplicates());
        details.put("recordsRefused", outcome.refused());
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(startedBy);
    }
}
