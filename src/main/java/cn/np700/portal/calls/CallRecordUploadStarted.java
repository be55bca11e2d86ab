package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** An operator's file of call records was accepted for ingestion (published inside the transaction that records it). */
record CallRecordUploadStarted(long uploadId, String fileName, int rows) implements AuditableEvent {

    @Override
    public String action() {
        return "CALL_RECORDS_UPLOAD_STARTED";
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
        return Map.of("file", fileName, "rows", rows);
    }
}
