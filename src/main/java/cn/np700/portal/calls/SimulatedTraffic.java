package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The traffic simulator for scripted data loads: calls routed over a tenant's live bindings and their records
 * ingested, or records alone pushed through the real ingestion, each shaped like the simulator's calls.
 */
public interface SimulatedTraffic {

    /** Routed calls and the records stored of them (matched or not). */
    record Outcome(int routed, int stored) {

        public Outcome plus(Outcome other) {
            return new Outcome(routed + other.routed, stored + other.stored);
        }
    }

    /** A call the carrier reports, on an X between two parties. */
    record Call(String callId, long x, String caller, String callee, Instant start) {
    }

    /** What the ingestion did with a batch: records stored unmatched, refused, and the first refusal's reason. */
    record Ingested(int unmatched, int rejected, String firstProblem) {
    }

    /**
     * {@code calls} calls spread from {@code from} to {@code to} over the tenant's live bindings, routed and their
     * records ingested, with call ids starting with {@code callIdPrefix}.
     */
    Outcome route(TenantId tenant, int calls, Instant from, Instant to, String callIdPrefix, Random random);

    /** The carrier's records of these calls, each given a shape (voice or SMS, result, timings), as one batch. */
    Ingested ingest(List<Call> calls, Random random);

    boolean anyRecordOf(TenantId tenant);

    boolean recordExists(String callId);
}
