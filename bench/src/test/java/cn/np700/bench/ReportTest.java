package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static Report sample() {
        Report report = new Report();
        report.put("date", "2026-11-23T08:00:00Z");
        report.put("command", "bench/run --scale 0.1");
        report.seed(Json.read("{\"phases\":[{\"name\":\"bindings\",\"count\":1000000,\"seconds\":512.3},"
                + "{\"name\":\"call-records\",\"count\":10000000,\"seconds\":1800}],\"totalSeconds\":2312.3}"));
        report.add(Measurement.of("route", "closed loop, 64 threads", 21_500.4, "req/s")
                .latencies(new LatencyRecorder.Latencies(1.234, 2, 7.5, 12.25, 30)).target("≥ 20,000 req/s")
                .baseline(43_000.8, "q/s").errors(Map.of("REJECT NO_BINDING", 3L)));
        report.add(Measurement.of("pages", "calls: first page", 40, "pages/s")
                .p50p95(new LatencyRecorder.Latencies(20.5, 140, 200, 300, 400)).target("p95 ≤ 150 ms"));
        report.note("a note");
        return report;
    }

    @Test
    void figures() {
        assertEquals("21,500 req/s", Report.figure(21_500.4, "req/s"));
        assertEquals("1.50 MB", Report.figure(1.5, "MB"));
        assertEquals("", Report.figure(Double.NaN, "MB"));
        assertEquals("0.50", Report.ratio(0.5));
        assertEquals("7.50", Report.millis(7.5));
        assertEquals("150", Report.millis(150.2));
    }

    @Test
    void tableLines() {
        String[] lines = sample().table().split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("workload | measurement"));
        assertTrue(lines[1].matches("[-+]+"));
        assertEquals("route    | closed loop, 64 threads | 21,500 req/s  | 1.23   | 2.00   | 7.50   | 12.25    "
                + "| ≥ 20,000 req/s | 43,001 q/s    | 0.50  | REJECT NO_BINDING x3", lines[2]);
        assertTrue(lines[3].contains("| 20.50  | 140    |        |"), lines[3]);
    }

    @Test
    void jsonAndMarkdown(@TempDir Path dir) throws Exception {
        List<Path> files = sample().write(dir, "20261123-080000");
        JsonNode json = Json.read(Files.readString(files.get(0)));
        assertEquals("bench/run --scale 0.1", json.path("command").asText());
        assertEquals(2312.3, json.path("seed").path("totalSeconds").asDouble());
        JsonNode route = json.path("measurements").path(0);
        assertEquals(21_500.4, route.path("value").asDouble());
        assertEquals(0.5, route.path("ratio").asDouble(), 0.001);
        assertEquals(12.25, route.path("p999Ms").asDouble());
        assertEquals(3, route.path("errors").path("REJECT NO_BINDING").asInt());
        assertTrue(json.path("measurements").path(1).path("p99Ms").isNull());
        assertEquals("a note", json.path("notes").path(0).asText());

        String md = Files.readString(files.get(1));
        assertTrue(md.contains("| workload | measurement | figure |"));
        assertTrue(md.contains("| route | closed loop, 64 threads | 21,500 req/s | 1.23 | 2.00 | 7.50 | 12.25 |"));
        assertTrue(md.contains("- data set loading: bindings 1,000,000 in 512.3 s; call-records 10,000,000 in "
                + "1,800.0 s; total 2,312.3 s"));
        assertTrue(files.get(0).getFileName().toString().equals("bench-20261123-080000.json"));
    }
}
