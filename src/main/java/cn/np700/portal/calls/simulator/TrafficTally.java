package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.ingestion.IngestResult;
import cn.np700.portal.calls.routing.RejectReason;
import cn.np700.portal.calls.routing.RouteDecision;
import cn.np700.portal.runs.RunCounts;

/**
 * Counts simulated traffic as it goes, by the names a simulation run stores: every call routed, connected or
 * {@code rejected.<REASON>}; of the connected calls' records, those stored matched ({@code accepted}) or unmatched,
 * duplicates, and those ingestion refused.
 */
final class TrafficTally {

    static final String ROUTED = "routed";
    static final String CONNECTED = "connected";
    static final String REJECTED = "rejected.";
    static final String ACCEPTED = "accepted";
    static final String UNMATCHED = "unmatched";
    static final String DUPLICATES = "duplicates";
    static final String REFUSED = "refused";

    private RunCounts counts = RunCounts.NONE;

    static String rejected(RejectReason reason) {
        return REJECTED + reason.name();
    }

    void routed(RouteDecision decision) {
        counts = counts.plus(ROUTED, 1)
                .plus(decision.connected() ? CONNECTED : rejected(RejectReason.valueOf(decision.reason())), 1);
    }

    void ingested(IngestResult result) {
        counts = counts.plus(ACCEPTED, result.accepted() - result.unmatched()).plus(UNMATCHED, result.unmatched())
                .plus(DUPLICATES, result.duplicates()).plus(REFUSED, result.rejected());
    }

    RunCounts counts() {
        return counts;
    }
}
