package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import java.time.Clock;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs one operator's simulation, storing its figures after every batch so the page shows progress. */
final class TrafficRunJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TrafficRunJob.class);

    private final long runId;
    private final long tenantId;
    private final TrafficPlan plan;
    private final Random random;
    private final AuditActor operator;
    private final TrafficSimulator simulator;
    private final TrafficRuns runs;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private int done;
    private TrafficOutcome soFar = new TrafficTally().outcome();

    TrafficRunJob(long runId, long tenantId, TrafficPlan plan, Random random, AuditActor operator,
            TrafficSimulator simulator, TrafficRuns runs, TransactionTemplate tx, ApplicationEventPublisher events,
            Clock clock) {
        this.runId = runId;
        this.tenantId = tenantId;
        this.plan = plan;
        this.random = random;
        this.operator = operator;
        this.simulator = simulator;
        this.runs = runs;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            TrafficOutcome outcome = simulator.run(tenantId, plan, random, (callsDone, figures) -> {
                done = callsDone;
                soFar = figures;
                return callsDone >= plan.calls() || Boolean.TRUE.equals(tx.execute(
                        s -> runs.saveProgress(runId, callsDone, figures, TrafficRunStatus.RUNNING, clock.instant())));
            });
            finish(outcome.routed(), outcome, TrafficRunStatus.DONE);
        } catch (RuntimeException e) {
            log.error("Traffic simulation {} stopped after {} of {} calls", runId, done, plan.calls(), e);
            try {
                finish(done, soFar, TrafficRunStatus.FAILED);
            } catch (RuntimeException again) {
                runs.markFailed(runId, clock.instant());
            }
        }
    }

    /** The final figures and the audit entry, together; nothing when the run was stopped meanwhile. */
    private void finish(int calls, TrafficOutcome outcome, TrafficRunStatus status) {
        tx.executeWithoutResult(s -> {
            if (runs.saveProgress(runId, calls, outcome, status, clock.instant())) {
                events.publishEvent(new TrafficSimulationFinished(runId, tenantId, status, calls, outcome, operator));
            }
        });
    }
}
