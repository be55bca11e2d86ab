package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An upload ended, every line done or stopped early, with its counts; it ends in the background, so it names the uploader. */
record CallRecordUploadFinished(long uploadId, String fileName, CallRecordUploadStatus status,
        CallRecordUploadCounts counts, AuditActor uploadedBy) implements AuditableEvent {

    @Override
    public String action() {
        return "CALL_RECORDS_UPLOAD_FINISHED";
    }

    @Override
    public String targetType() {
        return "CALL_UPLOAD";
    }

    @Override
    public String targetId() {
        return Long.toString(uploadId);
    }

    @Override
    public Long tenantId() {
        return null;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", fileName);
        details.put("status", status.name());
        details.put("accepted", counts.accepted());
        details.put("unmatched", counts.unmatched());
        details.put("duplicates", counts.duplicates());
        details.put("rejected", counts.rejected());
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(uploadedBy);
    }
}
