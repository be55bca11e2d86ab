package cn.np700.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of successful operations (HdrHistogram, nanoseconds, 1 ns to 10 min, 3 significant digits) and counts of
 * outcomes: "ok" and every kind of failure by name. Safe for many recording threads.
 */
public final class LatencyRecorder {

    public static final String OK = "ok";
    private static final long MAX_NANOS = 600_000_000_000L;

    private final Recorder recorder = new Recorder(MAX_NANOS, 3);
    private final Histogram total = new Histogram(MAX_NANOS, 3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder units = new LongAdder();

    /** One successful operation that took this long (anything longer than 10 min counts as 10 min). */
    public void success(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
        outcomes.computeIfAbsent(OK, k -> new LongAdder()).increment();
    }

    /** A success that carried several units of work (records of a batch, rows of an export). */
    public void success(long nanos, long unitCount) {
        success(nanos);
        units.add(unitCount);
    }

    public void failure(String outcome) {
        outcomes.computeIfAbsent(outcome == null || outcome.isBlank() ? "error" : outcome, k -> new LongAdder())
                .increment();
    }

    public void addUnits(long count) {
        units.add(count);
    }

    private synchronized Histogram histogram() {
        recorder.getIntervalHistogramInto(intervalScratch);
        total.add(intervalScratch);
        intervalScratch.reset();
        return total;
    }

    private final Histogram intervalScratch = new Histogram(MAX_NANOS, 3);

    public long successes() {
        LongAdder ok = outcomes.get(OK);
        return ok == null ? 0 : ok.sum();
    }

    public long units() {
        return units.sum();
    }

    /** Failures by outcome, sorted by name; "ok" left out. */
    public Map<String, Long> failures() {
        Map<String, Long> result = new TreeMap<>();
        outcomes.forEach((k, v) -> {
            if (!OK.equals(k)) {
                result.put(k, v.sum());
            }
        });
        return result;
    }

    public long failureCount() {
        return failures().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The latency at a percentile (0..100) of the successes, in milliseconds; NaN when there were none. */
    public double percentileMillis(double percentile) {
        Histogram h = histogram();
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return h.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public double maxMillis() {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1_000_000.0;
    }

    public Latencies latencies() {
        return new Latencies(percentileMillis(50), percentileMillis(95), percentileMillis(99), percentileMillis(99.9),
                maxMillis());
    }

    /** Milliseconds. */
    public record Latencies(double p50, double p95, double p99, double p999, double max) {
    }
}
