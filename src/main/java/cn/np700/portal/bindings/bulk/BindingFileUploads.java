package cn.np700.portal.bindings.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.scope.TenantId;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Starts a bulk binding run from an uploaded file, for the portal and the API alike. The file is checked whole
 * first, outside any transaction: a refused file starts nothing and applies nothing.
 */
@Component
class BindingFileUploads {

    private final BulkBindingRuns runs;

    BindingFileUploads(BulkBindingRuns runs) {
        this.runs = runs;
    }

    /** Who uploads: the audit trail's actor, the name bindings record, and for the API its key (null for a user). */
    record Uploader(AuditActor actor, String actorName, Long apiKeyId, String apiKeyName) {
    }

    /** A started run, or why the file was refused. */
    record Upload(BulkBindingRuns.BulkRun started, BindingFile.Refusal refusal) {
    }

    /** Throws RunAlreadyGoing while the tenant has a bulk binding run going. */
    Upload start(TenantId tenant, Uploader by, FileOperation operation, String fileName, InputStream content)
            throws IOException {
        BindingFile.Checked checked = BindingFile.check(operation, content);
        if (checked.refused()) {
            return new Upload(null, checked.refusal());
        }
        StoredFile file = new StoredFile(operation, by.actorName(), by.apiKeyId(), by.apiKeyName(),
                checked.accepted().text());
        return new Upload(runs.start(tenant, by.actor(), fileName, file, checked.accepted().lines()), null);
    }
}
