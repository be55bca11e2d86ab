package cn.np700.portal.calls;

import java.util.EnumMap;
import java.util.Map;

/** Counts a simulation as it goes. */
final class TrafficTally {

    private int routed;
    private int connected;
    private final Map<RejectReason, Integer> rejections = new EnumMap<>(RejectReason.class);
    private int accepted;
    private int unmatched;
    private int duplicates;
    private int refused;

    void routed(RouteDecision decision) {
        routed++;
        if (decision.connected()) {
            connected++;
        } else {
            rejections.merge(RejectReason.valueOf(decision.reason()), 1, Integer::sum);
        }
    }

    void ingested(IngestResult result) {
        accepted += result.accepted() - result.unmatched();
        unmatched += result.unmatched();
        duplicates += result.duplicates();
        refused += result.rejected();
    }

    TrafficOutcome outcome() {
        return new TrafficOutcome(routed, connected, Map.copyOf(rejections), accepted, unmatched,
                duplicates, refused);
    }
}
