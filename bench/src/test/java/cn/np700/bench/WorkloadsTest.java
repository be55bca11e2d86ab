package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void routeBodyAndAnswers() {
        JsonNode body = Json.read(RouteWorkload.body("bench-x-r1", "13501000001", "700200000000001"));
        assertEquals("bench-x-r1", body.path("callId").asText());
        assertEquals("13501000001", body.path("caller").asText());
        assertEquals("700200000000001", body.path("x").asText());
        assertEquals("VOICE", body.path("type").asText());
        assertEquals(4, body.size());

        assertTrue(RouteWorkload.judge(200, "{\"callId\":\"c\",\"action\":\"CONNECT\",\"callee\":\"13601000001\","
                + "\"display\":\"700200000000001\",\"record\":false,\"bindingId\":5}", "13601000001").isOk());
        assertEquals(RouteWorkload.WRONG_CALLEE, RouteWorkload.judge(200,
                "{\"action\":\"CONNECT\",\"callee\":\"13601000002\"}", "13601000001").outcome());
        assertEquals("REJECT NO_BINDING", RouteWorkload.judge(200,
                "{\"action\":\"REJECT\",\"reason\":\"NO_BINDING\"}", "13601000001").outcome());
        assertEquals("HTTP 401 UNAUTHENTICATED", RouteWorkload.judge(401,
                "{\"status\":401,\"code\":\"UNAUTHENTICATED\"}", "1").outcome());
        assertEquals("HTTP 502", RouteWorkload.judge(502, "<html>", "1").outcome());
        // the quick check takes only the exact pairs of a flat answer; anything else is parsed and named
        assertEquals(RouteWorkload.WRONG_CALLEE, RouteWorkload.judge(200,
                "{\"action\":\"CONNECT\",\"callee\":\"13601000001\"}", "1360100000").outcome());
        assertEquals("REJECT NO_BINDING", RouteWorkload.judge(200, "{\"action\":\"REJECT\",\"reason\":\"NO_BINDING\","
                + "\"x\":{\"action\":\"CONNECT\",\"callee\":\"13601000001\"}}", "13601000001").outcome());
        assertEquals("HTTP 503", RouteWorkload.judge(503,
                "{\"action\":\"CONNECT\",\"callee\":\"13601000001\"}", "13601000001").outcome());
        assertTrue(RouteWorkload.judge(200, "{\"action\":\"CONNECT\",\"callee\":\"+86 136-0100-0001\"}", "13601000001")
                .isOk());
    }

    @Test
    void bindBodyHasOnlyKnownFields() {
        JsonNode body = Json.read(BindWorkload.body("13501000001", "13601000001", "bench-abc-7"));
        assertEquals("AXB", body.path("mode").asText());
        assertEquals("13501000001", body.path("a").asText());
        assertEquals("13601000001", body.path("b").asText());
        assertEquals(3600, body.path("expiresInSeconds").asInt());
        assertEquals("bench-abc-7", body.path("orderRef").asText());
        assertEquals(5, body.size());
    }

    @Test
    void ingestBatchIsValid() {
        DataContract data = DataContract.atScale(0.01);
        Instant now = Instant.parse("2026-11-23T08:00:00Z");
        JsonNode batch = Json.read(new IngestWorkload(null, data, "run1").batch(42, now));
        JsonNode records = batch.path("records");
        assertEquals(IngestWorkload.BATCH, records.size());
        assertEquals(1, batch.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode r : records) {
            assertTrue(ids.add(r.path("callId").asText()));
            assertTrue(r.path("callId").asText().startsWith("bench-run1-c42-"));
            assertTrue(r.path("callId").asText().length() <= 64);
            Instant start = Instant.parse(r.path("startTime").asText());
            Instant release = Instant.parse(r.path("releaseTime").asText());
            assertTrue(start.isBefore(now.minusSeconds(60)) && start.isAfter(now.minusSeconds(600)));
            assertTrue(!release.isAfter(now) && release.isAfter(start));
            assertEquals(15, r.path("x").asText().length());
            String x = r.path("x").asText();
            long i = Long.parseLong(x.substring(x.length() - 4));
            int tenant = Integer.parseInt(r.path("caller").asText().substring(3, 5));
            assertEquals(data.x(tenant, i), x);
            assertEquals(data.a(tenant, i), r.path("caller").asText());
            assertEquals(data.b(tenant, i), r.path("callee").asText());
            assertEquals("ANSWERED", r.path("result").asText());
            assertEquals("VOICE", r.path("type").asText());
            assertEquals("CALLER", r.path("releaseSide").asText());
            assertTrue(r.path("durationSeconds").asInt() > 0);
        }
    }

    @Test
    void ingestAnswers() {
        assertEquals(500, IngestWorkload.judge(200,
                "{\"accepted\":500,\"unmatched\":0,\"duplicates\":0,\"rejected\":0,\"errors\":[]}").units());
        Workload.Result partial = IngestWorkload.judge(200, "{\"accepted\":499,\"unmatched\":0,\"duplicates\":0,"
                + "\"rejected\":1,\"errors\":[{\"index\":3,\"callId\":\"c\",\"reason\":\"TIME_IN_FUTURE\"}]}");
        assertEquals("batch with accepted=499 rejected (TIME_IN_FUTURE)", partial.outcome());
        assertEquals(499, partial.units());
        assertEquals("HTTP 400 BATCH_TOO_LARGE", IngestWorkload.judge(400, "{\"code\":\"BATCH_TOO_LARGE\"}").outcome());
    }

    @Test
    void keysetCursorAsThePortalEncodesIt() {
        String cursor = PageWorkloads.cursor(Instant.ofEpochMilli(1_700_000_000_000L), 42);
        assertEquals("1700000000000.42",
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        assertTrue(!cursor.contains("=") && !cursor.contains("+") && !cursor.contains("/"));
        String deep = PageWorkloads.cursor(Instant.now(), 999_999_999_999_999_999L);
        assertTrue(new String(Base64.getUrlDecoder().decode(deep), StandardCharsets.US_ASCII)
                .matches("-?\\d{1,15}\\.\\d{1,18}"));
        assertTrue(deep.length() <= 64);
    }

    @Test
    void deepBindingsPage() {
        assertEquals(500, PageWorkloads.deepBindingsPage(DataContract.atScale(1)));
        assertEquals(25, PageWorkloads.deepBindingsPage(DataContract.atScale(0.01)));
    }

    @Test
    void exportPathAndLineCount() throws Exception {
        assertEquals("/operator/calls/export?from=2026-11-20T08%3A00%3A00Z&to=2026-11-23T08%3A00%3A00Z",
                ExportRun.path(Instant.parse("2026-11-23T08:00:00.123Z"), 3));
        // the JDBC baseline reads the very range the portal exports
        assertEquals(new ExportRun.Range(Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-23T08:00:00Z")),
                ExportRun.Range.last(Instant.parse("2026-11-23T08:00:00.123Z"), 3));
        boolean[] first = {false};
        long[] counted = ExportRun.countLines(new java.io.ByteArrayInputStream(
                "h1,h2\na,b\nc,d\n".getBytes(StandardCharsets.UTF_8)), () -> first[0] = true);
        assertEquals(3, counted[0]);
        assertEquals(14, counted[1]);
        assertTrue(first[0]);
        assertEquals(2, ExportRun.countLines(new java.io.ByteArrayInputStream("h\nlast".getBytes()), () -> { })[0]);
    }

    @Test
    void heapFromPrometheus() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1000000.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 2.68435456E8
                """;
        assertEquals(43_000_000L, HeapSampler.sum(text, "jvm_memory_used_bytes"));
        assertEquals(268_435_456L, HeapSampler.sum(text, "jvm_memory_max_bytes"));
        assertEquals(-1, HeapSampler.sum("nothing", "jvm_memory_used_bytes"));
    }

    @Test
    void baselineInsertHasAGroupPerRow() {
        String sql = JdbcBaselines.callInsert(3);
        assertEquals(3 * JdbcBaselines.CALL_PARAMS, sql.chars().filter(c -> c == '?').count());
        assertTrue(sql.startsWith("INSERT INTO bench_call_record (call_id,"));
        assertTrue(sql.endsWith(" ON DUPLICATE KEY UPDATE call_id = call_id"));
        assertEquals(JdbcBaselines.CALL_PARAMS, JdbcBaselines.CALL_COLUMNS.split(",").length);
        assertEquals(23, JdbcBaselines.BINDING_INSERT.chars().filter(c -> c == '?').count() + 1);
        assertEquals(5, JdbcBaselines.ROUTE_SQL.chars().filter(c -> c == '?').count());
        assertEquals("135****0001", JdbcBaselines.masked("13501000001"));
    }
}
