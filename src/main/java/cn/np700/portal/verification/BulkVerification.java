package cn.np700.portal.verification;

import cn.np700.portal.database.TransientFailureRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a bulk verification of a file's lines in the background, and keeps the batches this node holds alive: a
 * RUNNING batch whose heartbeat stops (its node went down) becomes FAILED, its finished lines still downloadable.
 */
@Service
class BulkVerification {

    static final Duration SILENT_AFTER = Duration.ofMinutes(5);

    private final RealNameVerification verification;
    private final VerificationBatches batches;
    private final BulkVerificationWorkers workers;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    BulkVerification(RealNameVerification verification, VerificationBatches batches,
            BulkVerificationWorkers workers, TransactionTemplate tx, TransientFailureRetry retry,
            ApplicationEventPublisher events, Clock clock) {
        this.verification = verification;
        this.batches = batches;
        this.workers = workers;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
    }

    /** Validates every line, records the batch (audited) and starts checking; returns the batch id. */
    long start(long tenantId, String username, String fileName, List<BulkCsvFile.Line> lines, LocalDate today) {
        List<BulkItem> items = lines.stream().map(line -> BulkItem.of(line, today)).toList();
        int invalid = (int) items.stream().filter(item -> item.subject() == null).count();
        long batchId = retry.inTransaction(tx, status -> {
            long id = batches.insert(tenantId, fileName, items.size(), username, clock.instant());
            events.publishEvent(new VerificationBatchStarted(id, tenantId, fileName, items.size(), invalid));
            return id;
        });
        held.add(batchId);
        Runnable job = new BulkVerificationJob(batchId, tenantId, username, items, verification, batches, clock);
        try {
            // The uploader's security context goes along, so each line's audit entry names them, not "system".
            workers.submit(new DelegatingSecurityContextRunnable(() -> {
                try {
                    job.run();
                } finally {
                    held.remove(batchId);
                }
            }, copyOfCurrentContext()));
        } catch (RejectedExecutionException e) {
            held.remove(batchId);
            batches.markFailed(batchId, clock.instant());
        }
        return batchId;
    }

    @Scheduled(initialDelayString = "${portal.verification.bulk.heartbeat:PT1M}",
            fixedDelayString = "${portal.verification.bulk.heartbeat:PT1M}")
    void heartbeat() {
        Instant now = clock.instant();
        batches.touch(List.copyOf(held), now);
        batches.failSilent(now.minus(SILENT_AFTER), now);
    }

    private static SecurityContext copyOfCurrentContext() {
        SecurityContext copy = SecurityContextHolder.createEmptyContext();
        copy.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
        return copy;
    }
}
