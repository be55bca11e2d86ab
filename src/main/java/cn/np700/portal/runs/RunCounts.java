package cn.np700.portal.runs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many items of a run ended each way so far, by names its kind chooses ("verified", "rejected.NO_BINDING"). */
public record RunCounts(Map<String, Integer> byName) {

    public static final RunCounts NONE = new RunCounts(Map.of());

    public RunCounts {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static RunCounts of(String name, int count) {
        return NONE.plus(name, count);
    }

    public int of(String name) {
        return byName.getOrDefault(name, 0);
    }

    public RunCounts plus(String name, int count) {
        if (count == 0) {
            return this;
        }
        Map<String, Integer> sum = new LinkedHashMap<>(byName);
        sum.merge(name, count, Integer::sum);
        return new RunCounts(sum);
    }

    public RunCounts plus(RunCounts other) {
        Map<String, Integer> sum = new LinkedHashMap<>(byName);
        other.byName.forEach((name, count) -> sum.merge(name, count, Integer::sum));
        return new RunCounts(sum);
    }

    /** The total over the names that start with {@code prefix}. */
    public int sumOf(String prefix) {
        return byName.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }
}
