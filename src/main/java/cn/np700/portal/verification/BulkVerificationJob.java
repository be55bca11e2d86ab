package cn.np700.portal.verification;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a batch's lines one after the other, storing results and counts every few lines so progress shows. */
final class BulkVerificationJob implements Runnable {

    static final int FLUSH_EVERY = 50;
    // With a slow carrier service 50 lines can take minutes; the page should still move.
    private static final long FLUSH_NANOS = Duration.ofSeconds(2).toNanos();
    private static final Logger log = LoggerFactory.getLogger(BulkVerificationJob.class);

    private final long batchId;
    private final long tenantId;
    private final String username;
    private final List<BulkItem> items;
    private final RealNameVerification verification;
    private final VerificationBatches batches;
    private final Clock clock;

    BulkVerificationJob(long batchId, long tenantId, String username, List<BulkItem> items,
            RealNameVerification verification, VerificationBatches batches, Clock clock) {
        this.batchId = batchId;
        this.tenantId = tenantId;
        this.username = username;
        this.items = items;
        this.verification = verification;
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    public void run() {
        BatchCounts counts = BatchCounts.NONE;
        List<BatchRow> pending = new ArrayList<>();
        long flushedAt = System.nanoTime();
        try {
            for (BulkItem item : items) {
                if (Thread.currentThread().isInterrupted()) {
                    stop(pending, counts);
                    return;
                }
                BatchRow row = check(item);
                counts = counts.plus(row.outcome());
                pending.add(row);
                if (pending.size() >= FLUSH_EVERY || System.nanoTime() - flushedAt >= FLUSH_NANOS) {
                    if (!batches.saveProgress(batchId, pending, counts, clock.instant(), BatchStatus.RUNNING)) {
                        return;
                    }
                    pending.clear();
                    flushedAt = System.nanoTime();
                }
            }
            batches.saveProgress(batchId, pending, counts, clock.instant(), BatchStatus.DONE);
        } catch (RuntimeException e) {
            log.error("Bulk verification {} stopped after {} of {} lines", batchId, counts.done(), items.size(), e);
            stop(pending, counts);
        }
    }

    /** Keeps the lines already checked (and audited) with the batch, so its counts and result file match them. */
    private void stop(List<BatchRow> pending, BatchCounts counts) {
        try {
            if (batches.saveProgress(batchId, pending, counts, clock.instant(), BatchStatus.FAILED)) {
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Bulk verification {}: the last {} lines could not be kept", batchId, pending.size(), e);
        }
        batches.markFailed(batchId, clock.instant());
    }

    private BatchRow check(BulkItem item) {
        if (item.subject() == null) {
            return new BatchRow(item.lineNo(), null, BulkRowOutcome.INVALID, item.problemKey(), item.mobileMasked());
        }
        try {
            Verification result = verification.check(tenantId, username, VerificationSource.BULK, item.subject());
            return new BatchRow(item.lineNo(), result.id(), BulkRowOutcome.of(result.outcome()), null, item.mobileMasked());
        } catch (RuntimeException e) {
            // One line that cannot be stored should not cost the other ten thousand their checks.
            log.warn("Bulk verification {}: line {} could not be checked", batchId, item.lineNo(), e);
            return new BatchRow(item.lineNo(), null, BulkRowOutcome.ERROR, "bulk.row.failed", item.mobileMasked());
        }
    }
}
