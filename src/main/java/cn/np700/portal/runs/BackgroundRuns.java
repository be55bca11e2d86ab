package cn.np700.portal.runs;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.runs.engine.RunAudited;
import cn.np700.portal.runs.engine.RunDispatcher;
import cn.np700.portal.runs.engine.RunTable;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Starts, finds and cancels background runs; the work itself is done by {@link RunDispatcher} on some node. */
@Service
public class BackgroundRuns {

    private final RunTable table;
    private final RunDispatcher dispatcher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BackgroundRuns(RunTable table, RunDispatcher dispatcher, ApplicationEventPublisher events, Clock clock) {
        this.table = table;
        this.dispatcher = dispatcher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the run with its audit entry, in the caller's transaction if there is one, held by this node, and has
     * one of its workers take it up after the commit (or gives it back for any node, when none is free). Throws {@link RunAlreadyGoing} naming the running run that holds its exclusive key.
     */
    @RetryOnTransientFailure
    @Transactional
    public Run start(NewRun request) {
        long id = insert(request);
        Run run = table.find(id).orElseThrow();
        events.publishEvent(RunAudited.started(run, request.details() == null ? java.util.Map.of() : request.details()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.takeUp(id, request.kind());
            }
        });
        return run;
    }

    private long insert(NewRun request) {
        try {
            return table.insert(request, dispatcher.node(), clock.instant());
        } catch (DuplicateKeyException e) {
            Run holder = table.runningWith(request.exclusiveKey()).orElse(null);
            if (holder != null) {
                throw new RunAlreadyGoing(holder);
            }
            // the holder ended between the two statements: its key is free now
            return table.insert(request, dispatcher.node(), clock.instant());
        }
    }

    /** A run of the kind that belongs to the tenant; empty for another tenant's, as for one that does not exist. */
    public Optional<Run> findOfTenant(String kind, TenantId tenant, long id) {
        return table.findOfTenant(kind, tenant, id);
    }

    /** A run of the kind, whoever it belongs to: for operators' pages. */
    public Optional<Run> findOfKind(String kind, long id) {
        return table.findOfKind(kind, id);
    }

    public List<Run> recentOfTenant(String kind, TenantId tenant, int limit) {
        return table.recentOfTenant(kind, tenant, limit);
    }

    public List<Run> recentOfKind(String kind, int limit) {
        return table.recentOfKind(kind, limit);
    }

    /**
     * Stops a running run where it is (its committed items stay, counted), audited as cancelled by the signed-in user.
     * Call with a run found for the caller's scope. False when it had ended meanwhile. A step in flight may hold a
     * shared lock on the run (a kind's result rows refer to it), so the cancel may lose a deadlock to it: it is tried
     * again once that step has committed.
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean cancel(Run run, String by) {
        if (!table.cancel(run.id(), by, clock.instant())) {
            return false;
        }
        events.publishEvent(RunAudited.cancelled(table.find(run.id()).orElseThrow()));
        return true;
    }
}
