package cn.np700.portal.bindings.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.scope.TenantId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's bulk binding runs: started with their operation in one transaction, found, listed, cancelled. */
@Service
class BulkBindingRuns {

    static final int RECENT = 20;

    private final BackgroundRuns runs;
    private final BulkBindingWork work;
    private final BindingFileLines files;

    BulkBindingRuns(BackgroundRuns runs, BulkBindingWork work, BindingFileLines files) {
        this.runs = runs;
        this.work = work;
        this.files = files;
    }

    /** A run and what it does. */
    record BulkRun(Run run, FileOperation operation) {
    }

    /** Throws RunAlreadyGoing while the tenant has a bulk binding run going. */
    @RetryOnTransientFailure
    @Transactional
    public BulkRun start(TenantId tenant, AuditActor by, String fileName, StoredFile file, int lines) {
        Run run = runs.start(work.newRun(tenant, by, fileName, file, lines));
        files.insertFile(run.id(), file.operation());
        return new BulkRun(run, file.operation());
    }

    /** The tenant's run; empty for another tenant's, as for one that does not exist. */
    Optional<BulkRun> find(TenantId tenant, long id) {
        return runs.findOfTenant(BulkBindingWork.KIND, tenant, id).map(run -> new BulkRun(run, files.operation(run.id())));
    }

    List<BulkRun> recent(TenantId tenant) {
        return runs.recentOfTenant(BulkBindingWork.KIND, tenant, RECENT).stream()
                .map(run -> new BulkRun(run, files.operation(run.id()))).toList();
    }

    /** Stops the run after the line in progress; the lines done stay done and in the result file. */
    BulkRun cancel(BulkRun bulk, String by) {
        runs.cancel(bulk.run(), by);
        return find(bulk.run().tenant().orElseThrow(), bulk.run().id()).orElseThrow();
    }

    List<LineResult> lines(BulkRun bulk) {
        return files.all(bulk.run().id());
    }
}
