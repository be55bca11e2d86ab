package cn.np700.portal.calls;

import java.time.Instant;

/** A simulation as its pages show it. */
public record TrafficRun(long id, long tenantId, int calls, int spanHours, TrafficRunStatus status, int doneCalls,
        TrafficOutcome outcome, String createdBy, Instant createdAt, Instant finishedAt) {

    public boolean running() {
        return status == TrafficRunStatus.RUNNING;
    }
}
