package cn.np700.portal.runs;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.scope.TenantId;
import java.util.Map;
import java.util.Optional;

/**
 * A run to start. {@code exclusiveKey}: what it must not share with another running run (say "BULK_VERIFICATION:7"
 * for one per tenant), or null. {@code input}: what its steps work through, stored with it until it ends (encrypt
 * personal data first). {@code tenant}: whose run it is; empty for a platform run
 * (retention, an operator's upload). {@code details}: what the audit entry of its start records besides label and total.
 */
public record NewRun(String kind, Optional<TenantId> tenant, String label, AuditActor startedBy, int total, byte[] input,
        String exclusiveKey, Map<String, Object> details) {

    public NewRun {
        if (tenant == null) {
            throw new IllegalArgumentException("a platform run's tenant is Optional.empty(), not null");
        }
    }
}
