package cn.np700.portal.runs.engine;

import cn.np700.portal.database.DatabaseTrouble;
import cn.np700.portal.database.TimeBudget;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.runs.RunStepListener;
import cn.np700.portal.runs.RunWork;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node working one run from its stored position to the end. Each step's work and the run's new position commit
 * together, and the position moves only if this node still holds the run at the position it read: a step of a run
 * cancelled or taken over meanwhile rolls back whole, except that a kind whose prepare committed the items counts
 * them in a run cancelled meanwhile ({@link RunWork#commitsInPrepare}). With the database gone the run is left RUNNING for whichever
 * node reaches it first once the database is back.
 */
final class RunExecution implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
    // a step whose database falls silent this long gives up, and the run is taken up again later
    private static final Duration SILENCE_LIMIT = Duration.ofMinutes(2);

    private final long runId;
    private final RunWork<?, ?> work;
    private final String node;
    private final RunTable table;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RunDispatcher dispatcher;
    private final List<RunStepListener> listeners;

    RunExecution(long runId, RunWork<?, ?> work, String node, RunTable table, TransactionTemplate tx,
            TransientFailureRetry retry, ApplicationEventPublisher events, Clock clock, RunDispatcher dispatcher,
            List<RunStepListener> listeners) {
        this.runId = runId;
        this.work = work;
        this.node = node;
        this.table = table;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
    }

    String kind() {
        return work.kind();
    }

    /** What a committed step left: the run's counts, and whether the run had been cancelled meanwhile. */
    private record Step(RunCounts counts, boolean cancelled) {
    }

    /** Thrown inside a step's transaction when this node no longer holds the run there, to roll the step back. */
    private static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    @Override
    public void run() {
        try (TimeBudget ignored = TimeBudget.silenceLimit(SILENCE_LIMIT)) {
            steps(work);
        } catch (Lost e) {
            log.info("Run {} ({}) was cancelled or taken over; this node stopped working on it", runId, work.kind());
        } catch (RuntimeException e) {
            if (DatabaseTrouble.isUnavailable(e)) {
                log.warn("Run {} ({}) stopped with the database unavailable; it is taken up again once it is back: {}",
                        runId, work.kind(), e.getMessage());
            } else {
                log.error("Run {} ({}) failed", runId, work.kind(), e);
                giveUp("BROKE: " + e.getClass().getSimpleName());
            }
        } finally {
            dispatcher.done(runId);
        }
    }

    private <L, P> void steps(RunWork<L, P> work) {
        Run run = table.find(runId).orElseThrow(Lost::new);
        if (!run.running()) {
            return; // cancelled before this node began: nothing to ask or store
        }
        L loaded = work.load(run, table.input(runId));
        int position = run.position();
        RunCounts counts = run.counts();
        while (position < run.total()) {
            if (!dispatcher.accepting()) {
                table.release(runId, node);
                return;
            }
            int from = position;
            int to = Math.min(run.total(), from + Math.max(1, work.chunk()));
            P prepared = work.prepare(run, loaded, from, to);
            RunCounts before = counts;
            Step step = retry.inTransaction(tx, status -> {
                RunCounts sum = before.plus(work.step(run, loaded, from, to, prepared));
                listeners.forEach(listener -> listener.workDone(run, from, to));
                if (table.advance(runId, node, from, to, sum, clock.instant())) {
                    return new Step(sum, false);
                }
                // items its prepare committed are done whatever came meanwhile: counted if the run was cancelled
                if (work.commitsInPrepare() && table.advanceCancelled(runId, from, to, sum, clock.instant())) {
                    return new Step(sum, true);
                }
                throw new Lost();
            });
            if (step.cancelled()) {
                throw new Lost();
            }
            counts = step.counts();
            position = to;
        }
        end(RunStatus.DONE, null);
    }

    /** Ends the run FAILED with a reason (a step broke, or it was restarted too often). */
    void giveUp(String failure) {
        try {
            end(RunStatus.FAILED, failure);
        } catch (RuntimeException e) {
            log.warn("Run {} could not be marked FAILED; it stays for another node: {}", runId, e.getMessage());
        }
    }

    private void end(RunStatus status, String failure) {
        retry.inTransactionWithoutResult(tx, s -> {
            if (table.end(runId, node, status, failure, clock.instant())) {
                events.publishEvent(RunAudited.finished(table.find(runId).orElseThrow()));
            }
        });
    }
}
