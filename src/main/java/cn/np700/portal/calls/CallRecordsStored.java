package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Call records of one ingested batch were stored for their tenants (duplicates of earlier records left out); published
 * inside the ingesting transaction, once per batch, so a listener that writes must write once per batch too.
 */
public record CallRecordsStored(List<Stored> records) {

    /** One stored record; numbers masked. */
    public record Stored(TenantId tenant, long recordId, Long bindingId, String callId, long x, String maskedCaller,
            String maskedCallee, Instant startedAt, Instant endedAt, int durationSeconds, Integer releaseCause) {
    }
}
