package cn.np700.portal.calls;

import java.util.Map;

/**
 * What simulated traffic came to: calls routed, connected and rejected per reason; of the connected calls' records,
 * those stored (matched, or unmatched), duplicates, and those ingestion refused.
 */
public record TrafficOutcome(int routed, int connected, Map<RejectReason, Integer> rejections, int accepted,
        int unmatched, int duplicates, int refused) {

    public int rejected() {
        return rejections.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int rejectedFor(RejectReason reason) {
        return rejections.getOrDefault(reason, 0);
    }
}
