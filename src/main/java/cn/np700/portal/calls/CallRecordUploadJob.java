package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Ingests an uploaded file batch by batch, storing each batch's line results and the counts so progress shows. */
final class CallRecordUploadJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallRecordUploadJob.class);

    private final long uploadId;
    private final String fileName;
    private final String text;
    private final AuditActor operator;
    private final CallRecordUploadIngestion ingestion;
    private final CallRecordUploads uploads;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private CallRecordUploadCounts counts = CallRecordUploadCounts.NONE;

    CallRecordUploadJob(long uploadId, String fileName, String text, AuditActor operator,
            CallRecordUploadIngestion ingestion, CallRecordUploads uploads, TransactionTemplate tx,
            ApplicationEventPublisher events, Clock clock) {
        this.uploadId = uploadId;
        this.fileName = fileName;
        this.text = text;
        this.operator = operator;
        this.ingestion = ingestion;
        this.uploads = uploads;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** Thrown to leave the file's reading when the upload was stopped meanwhile. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    @Override
    public void run() {
        List<CallRecordUploadFile.Line> batch = new ArrayList<>(CallRecordIngestion.MAX_BATCH);
        try {
            CallRecordUploadFile.lines(text, line -> {
                batch.add(line);
                if (batch.size() == CallRecordIngestion.MAX_BATCH) {
                    save(batch);
                    batch.clear();
                }
            });
            save(batch);
            finish(CallRecordUploadStatus.DONE);
        } catch (Stopped e) {
            log.warn("Call record upload {} was stopped after {} lines", uploadId, counts.done());
        } catch (RuntimeException e) {
            log.error("Call record upload {} stopped after {} lines", uploadId, counts.done(), e);
            try {
                finish(CallRecordUploadStatus.FAILED);
            } catch (RuntimeException again) {
                uploads.markFailed(uploadId, clock.instant());
            }
        }
    }

    private void save(List<CallRecordUploadFile.Line> lines) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("call record upload interrupted");
        }
        if (lines.isEmpty()) {
            return;
        }
        List<CallRecordUploadLine> results = ingestion.ingest(lines);
        CallRecordUploadCounts next = counts;
        for (CallRecordUploadLine result : results) {
            next = next.plus(result.outcome());
        }
        CallRecordUploadCounts total = next;
        if (!Boolean.TRUE.equals(tx.execute(s -> uploads.saveProgress(uploadId, results, total,
                CallRecordUploadStatus.RUNNING, clock.instant())))) {
            throw new Stopped();
        }
        counts = total;
    }

    /** The final status and the audit entry, together; nothing when the upload was stopped meanwhile. */
    private void finish(CallRecordUploadStatus status) {
        tx.executeWithoutResult(s -> {
            if (uploads.saveProgress(uploadId, List.of(), counts, status, clock.instant())) {
                events.publishEvent(new CallRecordUploadFinished(uploadId, fileName, status, counts, operator));
            }
        });
    }
}
