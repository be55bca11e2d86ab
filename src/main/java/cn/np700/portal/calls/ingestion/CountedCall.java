package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Instant;

/** What the daily roll-ups count of one matched call: its tenant, X, day (from its start) and figures. */
record CountedCall(long tenantId, long x, Instant start, CallType type, CallResult result, int durationSeconds) {

    static CountedCall of(long tenantId, CheckedRecord r) {
        return new CountedCall(tenantId, r.x(), r.start(), r.type(), r.result(), r.durationSeconds());
    }
}
