package cn.np700.portal.compliance.check;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j bucket per client address for the public pages (checks and complaints share it). The buckets live in
 * this node's memory, and only the most recently seen clients are kept, so a flood of addresses cannot exhaust it.
 * The allowance comes back whole a minute after a client's first request, not a request every few seconds: the
 * limit a person reads ("20 a minute") is the one that holds, however slowly the 20 came.
 */
@Component
public class CheckRateLimit {

    private static final int CLIENTS_KEPT = 10_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > CLIENTS_KEPT;
        }
    });

    CheckRateLimit(@Value("${portal.compliance.check-rate:20}") int perMinute) {
        this.perMinute = perMinute;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes one request from the client's allowance, or throws when none is left. */
    public void acquire(String client) {
        Bucket bucket = buckets.computeIfAbsent(client == null ? "unknown" : client, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new CheckLimitExceeded(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
    }
}
