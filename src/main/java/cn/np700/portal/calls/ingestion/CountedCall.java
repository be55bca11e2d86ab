package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Instant;

/** What the daily roll-ups count of one matched call: its tenant, X, day (from its start) and figures. */
record CountedCall(TenantId tenant, long x, Instant start, CallType type, CallResult result, int durationSeconds) {

    static CountedCall of(TenantId tenant, CheckedRecord r) {
        return new CountedCall(tenant, r.x(), r.start(), r.type(), r.result(), r.durationSeconds());
    }
}
