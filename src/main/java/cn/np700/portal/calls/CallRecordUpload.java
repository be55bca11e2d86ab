package cn.np700.portal.calls;

import java.time.Instant;

/** An uploaded file of call records as its pages show it. */
public record CallRecordUpload(long id, String fileName, int totalRows, CallRecordUploadCounts counts,
        CallRecordUploadStatus status, String createdBy, Instant createdAt, Instant finishedAt) {

    public boolean running() {
        return status == CallRecordUploadStatus.RUNNING;
    }

    public int doneRows() {
        return counts.done();
    }
}
