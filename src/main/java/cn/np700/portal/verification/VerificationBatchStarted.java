package cn.np700.portal.verification;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A file of numbers was accepted for bulk verification; each line's check is audited on its own as it is made. */
public record VerificationBatchStarted(long batchId, Long tenantId, String fileName, int rows, int invalidRows)
        implements AuditableEvent {

    @Override
    public String action() {
        return "VERIFICATION_BATCH_STARTED";
    }

    @Override
    public String targetType() {
        return "VERIFICATION_BATCH";
    }

    @Override
    public String targetId() {
        return Long.toString(batchId);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("file", fileName, "rows", rows, "invalidRows", invalidRows);
    }
}
