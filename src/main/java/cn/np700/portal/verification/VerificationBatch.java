package cn.np700.portal.verification;

import java.time.Instant;

/** A bulk verification as its pages show it. */
record VerificationBatch(long id, String fileName, int totalRows, int doneRows, BatchCounts counts, BatchStatus status,
        String createdBy, Instant createdAt, Instant finishedAt) {

    public boolean running() {
        return status == BatchStatus.RUNNING;
    }
}
