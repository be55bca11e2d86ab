package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** An operator started simulated traffic over a tenant's bindings (published inside the transaction that records it). */
record TrafficSimulationStarted(long runId, Long tenantId, int calls, int spanHours) implements AuditableEvent {

    @Override
    public String action() {
        return "TRAFFIC_SIMULATION_STARTED";
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
        return Map.of("calls", calls, "spanHours", spanHours);
    }
}
