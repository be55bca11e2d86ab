package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the measurements and writes them as a text table, JSON and Markdown. */
public final class Report {

    static final String[] HEADER = {"workload", "measurement", "figure", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms",
        "target", "JDBC baseline", "ratio", "errors"};

    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private JsonNode seed;

    public void put(String key, Object value) {
        context.put(key, value);
    }

    public void add(Measurement measurement) {
        measurements.add(measurement);
    }

    public void note(String note) {
        notes.add(note);
        System.out.println("NOTE: " + note);
    }

    public List<String> notes() {
        return notes;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public void seed(JsonNode seedJson) {
        this.seed = seedJson;
    }

    static String figure(double value, String unit) {
        if (Double.isNaN(value)) {
            return "";
        }
        String number = Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.2f", value);
        return unit == null || unit.isEmpty() ? number : number + " " + unit;
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(errors).forEach((k, v) -> text.append(text.length() == 0 ? "" : "; ").append(k)
                .append(" x").append(v));
        return text.toString();
    }

    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            rows.add(new String[] {m.workload(), m.name(), figure(m.value(), m.unit()), millis(m.p50()), millis(m.p95()),
                millis(m.p99()), millis(m.p999()), m.target(), figure(m.baseline(), m.baselineUnit()), ratio(m.ratio()),
                errors(m.errors())});
        }
        return rows;
    }

    /** The measurements as an aligned plain-text table. */
    public String table() {
        List<String[]> rows = rows();
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (String[] row : rows) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", row[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** The measurements as a Markdown table, with the context above it. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n|");
        for (int c = 0; c < HEADER.length; c++) {
            out.append(c >= 2 && c <= 6 || c == 8 || c == 9 ? "---:|" : "---|");
        }
        out.append('\n');
        for (String[] row : rows()) {
            out.append("| ");
            for (int c = 0; c < row.length; c++) {
                out.append(c == 0 ? "" : " | ").append(row[c].replace("|", "\\|"));
            }
            out.append(" |\n");
        }
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        if (seed != null) {
            md.append("- data set loading: ").append(seedSummary()).append('\n');
        }
        md.append('\n').append(out);
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String note : notes) {
                md.append("- ").append(note).append('\n');
            }
        }
        return md.toString();
    }

    /** "bindings 1,000,000 in 512.3 s; ... total 1,234.5 s" from the seeder's file. */
    public String seedSummary() {
        if (seed == null || seed.isMissingNode()) {
            return "no bench-seed.json";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode phase : seed.path("phases")) {
            parts.add(phase.path("name").asText("?") + " "
                    + String.format(Locale.ROOT, "%,d", phase.path("count").asLong()) + " in "
                    + String.format(Locale.ROOT, "%,.1f s", phase.path("seconds").asDouble()));
        }
        if (seed.has("totalSeconds")) {
            parts.add("total " + String.format(Locale.ROOT, "%,.1f s", seed.path("totalSeconds").asDouble()));
        }
        return String.join("; ", parts);
    }

    static Object number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            root.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
        }
        root.set("seed", seed == null ? null : seed);
        ArrayNode list = root.putArray("measurements");
        for (Measurement m : measurements) {
            ObjectNode node = list.addObject();
            node.put("workload", m.workload());
            node.put("name", m.name());
            node.set("value", Json.MAPPER.valueToTree(number(m.value())));
            node.put("unit", m.unit());
            node.set("p50Ms", Json.MAPPER.valueToTree(number(m.p50())));
            node.set("p95Ms", Json.MAPPER.valueToTree(number(m.p95())));
            node.set("p99Ms", Json.MAPPER.valueToTree(number(m.p99())));
            node.set("p999Ms", Json.MAPPER.valueToTree(number(m.p999())));
            node.put("target", m.target());
            node.set("baseline", Json.MAPPER.valueToTree(number(m.baseline())));
            node.put("baselineUnit", m.baselineUnit());
            node.set("ratio", Json.MAPPER.valueToTree(number(m.ratio())));
            node.set("errors", Json.MAPPER.valueToTree(m.errors()));
        }
        root.set("notes", Json.MAPPER.valueToTree(notes));
        return root;
    }

    /** Prints the table and writes bench-<timestamp>.json and .md; returns the two paths. */
    public List<Path> write(Path resultsDir, String timestamp) throws IOException {
        Files.createDirectories(resultsDir);
        Path json = resultsDir.resolve("bench-" + timestamp + ".json");
        Path md = resultsDir.resolve("bench-" + timestamp + ".md");
        Files.writeString(json, Json.MAPPER.writeValueAsString(json()) + "\n");
        Files.writeString(md, markdown());
        return List.of(json, md);
    }
}
