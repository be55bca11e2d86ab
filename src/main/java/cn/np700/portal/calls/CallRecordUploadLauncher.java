package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts ingesting a checked file in the background, and keeps the uploads this node holds alive: a RUNNING upload
 * whose heartbeat stops (its node went down) becomes FAILED; uploading the file again then stores only what is missing.
 */
@Service
class CallRecordUploadLauncher {

    static final Duration SILENT_AFTER = Duration.ofMinutes(5);

    private final CallRecordUploadIngestion ingestion;
    private final CallRecordUploads uploads;
    private final CallRecordUploadWorkers workers;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    CallRecordUploadLauncher(CallRecordUploadIngestion ingestion, CallRecordUploads uploads,
            CallRecordUploadWorkers workers, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.ingestion = ingestion;
        this.uploads = uploads;
        this.workers = workers;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** Records the upload (audited) and starts ingesting it; returns its id. */
    long start(String fileName, CallRecordUploadFile.Checked file, AuditActor operator) {
        long uploadId = tx.execute(status -> {
            long id = uploads.insert(fileName, file.rows(), operator.name(), clock.instant());
            events.publishEvent(new CallRecordUploadStarted(id, fileName, file.rows()));
            return id;
        });
        held.add(uploadId);
        Runnable job = new CallRecordUploadJob(uploadId, fileName, file.text(), operator, ingestion, uploads, tx, events,
                clock);
        try {
            workers.submit(() -> {
                try {
                    job.run();
                } finally {
                    held.remove(uploadId);
                }
            });
        } catch (RejectedExecutionException e) {
            held.remove(uploadId);
            uploads.markFailed(uploadId, clock.instant());
        }
        return uploadId;
    }

    @Scheduled(initialDelayString = "${portal.calls.upload.heartbeat:PT1M}",
            fixedDelayString = "${portal.calls.upload.heartbeat:PT1M}")
    void heartbeat() {
        Instant now = clock.instant();
        uploads.touch(List.copyOf(held), now);
        uploads.failSilent(now.minus(SILENT_AFTER), now);
    }
}
