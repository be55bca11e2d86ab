package cn.np700.bench;

import java.util.Map;

/**
 * One line of the report: what was measured, its figure, latencies in milliseconds where relevant (NaN otherwise),
 * the target, the JDBC baseline's figure and the portal's figure as a ratio of it (NaN when there is none).
 */
public record Measurement(String workload, String name, double value, String unit, double p50, double p95,
        double p99, double p999, String target, double baseline, String baselineUnit, double ratio,
        Map<String, Long> errors) {

    public static Measurement of(String workload, String name, double value, String unit) {
        return new Measurement(workload, name, value, unit, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "",
                Double.NaN, "", Double.NaN, Map.of());
    }

    public Measurement latencies(LatencyRecorder.Latencies l) {
        return new Measurement(workload, name, value, unit, l.p50(), l.p95(), l.p99(), l.p999(), target, baseline,
                baselineUnit, ratio, errors);
    }

    /** Only p50 and p95 (the pages). */
    public Measurement p50p95(LatencyRecorder.Latencies l) {
        return new Measurement(workload, name, value, unit, l.p50(), l.p95(), Double.NaN, Double.NaN, target, baseline,
                baselineUnit, ratio, errors);
    }

    /** Only p50 and p99 (bind, ingest, baselines). */
    public Measurement p50p99(LatencyRecorder.Latencies l) {
        return new Measurement(workload, name, value, unit, l.p50(), Double.NaN, l.p99(), Double.NaN, target, baseline,
                baselineUnit, ratio, errors);
    }

    public Measurement target(String text) {
        return new Measurement(workload, name, value, unit, p50, p95, p99, p999, text, baseline, baselineUnit, ratio,
                errors);
    }

    /** The baseline's figure; the ratio is this figure divided by it. */
    public Measurement baseline(double figure, String figureUnit) {
        double r = figure > 0 ? value / figure : Double.NaN;
        return new Measurement(workload, name, value, unit, p50, p95, p99, p999, target, figure, figureUnit, r, errors);
    }

    public Measurement errors(Map<String, Long> failures) {
        return new Measurement(workload, name, value, unit, p50, p95, p99, p999, target, baseline, baselineUnit, ratio,
                Map.copyOf(failures));
    }
}
