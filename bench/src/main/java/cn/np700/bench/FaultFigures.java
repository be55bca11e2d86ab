package cn.np700.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The fault run's figures, worked out from what was recorded: every request, every health probe, when the database
 * was killed and when it was started again (ms since the run began), and what the database held afterwards.
 */
public final class FaultFigures {

    public static final List<String> KINDS = List.of("route", "bind", "ingest");

    /** What the database held after the run, per kind: acknowledged writes, those missing, unacknowledged ones stored. */
    public record Stored(long acknowledged, long missing, long storedUnacknowledged) {
    }

    private final List<FaultEvent> events;
    private final List<HealthSample> health;
    private final double killMs;
    private final double restartMs;

    public FaultFigures(List<FaultEvent> events, List<HealthSample> health, double killMs, double restartMs) {
        this.events = List.copyOf(events);
        this.health = health.stream().sorted((a, b) -> Double.compare(a.startMs(), b.startMs())).toList();
        this.killMs = killMs;
        this.restartMs = restartMs;
    }

    List<FaultEvent> of(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    public long sent(String kind) {
        return of(kind).size();
    }

    public long acknowledged(String kind) {
        return of(kind).stream().filter(FaultEvent::ack).count();
    }

    /** 5xx answers by status and problem code, most frequent first. */
    public Map<String, Long> serverErrors(String kind) {
        return count(of(kind).stream().filter(FaultEvent::serverError).toList());
    }

    public long serverErrorsWithRetryAfter(String kind) {
        return of(kind).stream().filter(e -> e.serverError() && e.retryAfter()).count();
    }

    /** Failures other than 5xx: 4xx answers, wrong answers, timeouts and connection errors. */
    public Map<String, Long> otherFailures(String kind) {
        return count(of(kind).stream().filter(e -> !e.ack() && !e.serverError()).toList());
    }

    private static Map<String, Long> count(List<FaultEvent> list) {
        Map<String, Long> counts = new TreeMap<>(list.stream()
                .collect(Collectors.groupingBy(FaultEvent::outcome, Collectors.counting())));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The longest request of a kind, whatever its outcome, in ms. */
    public OptionalDouble longestMillis(String kind) {
        return of(kind).stream().mapToDouble(FaultEvent::millis).max();
    }

    /** The outcome of the longest request of a kind. */
    public String longestOutcome(String kind) {
        return of(kind).stream().max((a, b) -> Double.compare(a.millis(), b.millis())).map(FaultEvent::outcome)
                .orElse("");
    }

    /**
     * Seconds from the restart until traffic of a kind succeeded again for good: the end of the first acknowledged
     * request that started after the last failed one started. Empty when none failed (or none succeeded after).
     */
    public OptionalDouble secondsToTrafficOk(String kind) {
        List<FaultEvent> list = of(kind);
        OptionalDouble lastFailedStart = list.stream().filter(e -> !e.ack()).mapToDouble(FaultEvent::startMs).max();
        if (lastFailedStart.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble end = list.stream().filter(e -> e.ack() && e.startMs() > lastFailedStart.getAsDouble())
                .mapToDouble(FaultEvent::endMs).min();
        return end.isEmpty() ? end : OptionalDouble.of((end.getAsDouble() - restartMs) / 1000);
    }

    public boolean anyFailed(String kind) {
        return of(kind).stream().anyMatch(e -> !e.ack());
    }

    List<HealthSample> probes(String group) {
        return health.stream().filter(s -> s.group().equals(group)).toList();
    }

    /** Seconds from the kill until a probe of the group started after it answered other than UP; empty if none did. */
    public OptionalDouble secondsToDown(String group) {
        return probes(group).stream().filter(s -> s.startMs() >= killMs && !s.up())
                .mapToDouble(s -> (s.endMs() - killMs) / 1000).min();
    }

    /**
     * Seconds from the restart until the group said UP again: the end of the first UP probe started
     * after the last probe that was not UP
     * (negative if that was before the restart). Empty when it never went down or never came back.
     */
    public OptionalDouble secondsToUp(String group) {
        List<HealthSample> after = probes(group).stream().filter(s -> s.startMs() >= killMs).toList();
        OptionalDouble lastDown = after.stream().filter(s -> !s.up()).mapToDouble(HealthSample::startMs).max();
        if (lastDown.isEmpty()) {
            return OptionalDouble.empty();
        }
        return after.stream().filter(s -> s.up() && s.startMs() > lastDown.getAsDouble())
                .mapToDouble(s -> (s.endMs() - restartMs) / 1000).min();
    }

    /** Probes started while the database was down, by answer: "UP", "DOWN" (503), "no answer" or another status. */
    public Map<String, Long> duringOutage(String group) {
        Map<String, Long> counts = new TreeMap<>();
        for (HealthSample s : probes(group)) {
            if (s.startMs() >= killMs && s.startMs() < restartMs) {
                String answer = s.up() ? "UP" : s.status() == 503 ? "DOWN" : s.status() == 0 ? "no answer"
                        : "HTTP " + s.status();
                counts.merge(answer, 1L, Long::sum);
            }
        }
        return counts;
    }

    public OptionalDouble longestProbeMillis(String group) {
        return probes(group).stream().mapToDouble(HealthSample::millis).max();
    }

    public long notUp(String group) {
        return probes(group).stream().filter(s -> !s.up()).count();
    }

    /** The figures as a Markdown table, for the terminal and the README. */
    public String table(Map<String, Stored> stored, String outageNote) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "route", "bind", "ingest"});
        rows.add(row("requests sent", k -> Long.toString(sent(k))));
        rows.add(row("acknowledged", k -> {
            long ack = acknowledged(k);
            if (k.equals("route")) {
                long rejects = of(k).stream().filter(e -> e.ack() && !e.ref().isEmpty()).count();
                return ack + " (" + rejects + " REJECT)";
            }
            if (k.equals("ingest")) {
                return ack + " batches";
            }
            return Long.toString(ack);
        }));
        rows.add(row("acknowledged writes missing afterwards", k -> {
            Stored s = stored.get(k);
            if (s == null) {
                return "not checked";
            }
            String what = k.equals("route") ? " of " + s.acknowledged() + " REJECTs in route_rejection"
                    : k.equals("bind") ? " of " + s.acknowledged() + " bindings" : " of " + s.acknowledged() + " records";
            return s.missing() + what;
        }));
        rows.add(row("stored though not acknowledged", k -> {
            Stored s = stored.get(k);
            return s == null || k.equals("route") ? "" : Long.toString(s.storedUnacknowledged());
        }));
        rows.add(row("5xx", k -> {
            long total = serverErrors(k).values().stream().mapToLong(Long::longValue).sum();
            return total == 0 ? "0" : total + " (" + serverErrorsWithRetryAfter(k) + " with Retry-After)";
        }));
        rows.add(row("5xx by code", k -> join(serverErrors(k))));
        rows.add(row("other failures", k -> join(otherFailures(k))));
        rows.add(row("longest request", k -> longestMillis(k).isEmpty() ? "" : seconds(longestMillis(k).getAsDouble() / 1000)
                + " (" + longestOutcome(k) + ")"));
        rows.add(row("restart → traffic OK again", k -> !anyFailed(k) ? "no failures"
                : secondsToTrafficOk(k).isEmpty() ? "never" : seconds(secondsToTrafficOk(k).getAsDouble())));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            out.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                out.append("|---|---|---|---|\n");
            }
        }
        out.append('\n');
        out.append(health("readiness", outageNote));
        out.append(health("liveness", outageNote));
        if (!probes("health").isEmpty()) {
            out.append(health("health", outageNote).replaceFirst("^- health", "- /actuator/health"));
        }
        return out.toString();
    }

    private String health(String group, String outageNote) {
        StringBuilder out = new StringBuilder("- ").append(group).append(": ");
        OptionalDouble down = secondsToDown(group);
        OptionalDouble up = secondsToUp(group);
        if (down.isEmpty()) {
            out.append("never said DOWN");
        } else {
            out.append("DOWN ").append(seconds(down.getAsDouble())).append(" after the kill, ");
            out.append(up.isEmpty() ? "not UP again" : "UP " + seconds(up.getAsDouble()) + " after the restart");
        }
        out.append("; probes during the ").append(outageNote).append(": ").append(joinPlain(duringOutage(group)));
        out.append("; longest probe ").append(longestProbeMillis(group).isEmpty() ? "-"
                : seconds(longestProbeMillis(group).getAsDouble() / 1000)).append('\n');
        return out.toString();
    }

    private String[] row(String name, java.util.function.Function<String, String> cell) {
        return new String[] {name, cell.apply("route"), cell.apply("bind"), cell.apply("ingest")};
    }

    static String join(Map<String, Long> counts) {
        return counts.isEmpty() ? "0" : joinPlain(counts);
    }

    private static String joinPlain(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
