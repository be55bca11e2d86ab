package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts an operator's simulation in the background (one per tenant at a time: the database refuses a second), and
 * keeps the runs this node holds alive: a RUNNING run whose heartbeat stops (its node went down) becomes FAILED.
 */
@Service
class TrafficLauncher {

    static final Duration SILENT_AFTER = Duration.ofMinutes(5);

    private final TrafficSimulator simulator;
    private final TrafficRuns runs;
    private final TrafficWorkers workers;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    TrafficLauncher(TrafficSimulator simulator, TrafficRuns runs, TrafficWorkers workers, TransactionTemplate tx,
            ApplicationEventPublisher events, Clock clock) {
        this.simulator = simulator;
        this.runs = runs;
        this.workers = workers;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the run (audited) and starts it; returns its id. Throws
     * {@link org.springframework.dao.DuplicateKeyException} while the tenant has a run going.
     */
    long start(long tenantId, int calls, int spanHours, AuditActor operator) {
        Instant now = clock.instant();
        long runId = tx.execute(status -> {
            long id = runs.insert(tenantId, calls, spanHours, operator.name(), now);
            events.publishEvent(new TrafficSimulationStarted(id, tenantId, calls, spanHours));
            return id;
        });
        held.add(runId);
        TrafficPlan plan = new TrafficPlan(calls, now.minus(Duration.ofHours(spanHours)), now, "SIM-" + runId + "-");
        Runnable job = new TrafficRunJob(runId, tenantId, plan, new Random(runId), operator, simulator, runs, tx, events,
                clock);
        try {
            workers.submit(() -> {
                try {
                    job.run();
                } finally {
                    held.remove(runId);
                }
            });
        } catch (RejectedExecutionException e) {
            held.remove(runId);
            runs.markFailed(runId, clock.instant());
        }
        return runId;
    }

    @Scheduled(initialDelayString = "${portal.calls.traffic.heartbeat:PT1M}",
            fixedDelayString = "${portal.calls.traffic.heartbeat:PT1M}")
    void heartbeat() {
        Instant now = clock.instant();
        runs.touch(List.copyOf(held), now);
        runs.failSilent(now.minus(SILENT_AFTER), now);
    }
}
