package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault run's parts that need no portal: options, judging answers, finding the server, the figures. */
class FaultRunTest {

    @Test
    void optionsHaveSmallDefaultsAndTakeEveryOption() {
        FaultOptions d = FaultOptions.parse("--portal-jar", "p.jar");
        assertEquals(0.001, d.scale());
        assertEquals(10, d.warmUpSeconds());
        assertEquals(15, d.beforeSeconds());
        assertEquals(20, d.outageSeconds());
        assertEquals(10, d.settleSeconds());
        assertTrue(d.dataDir().endsWith(Path.of("fault", "data")));

        FaultOptions o = FaultOptions.parse("--portal-jar=p.jar", "--outage", "5", "--before=3", "--warm-up", "0", "--settle", "2",
                "--max-recovery", "60", "--route-rate", "0", "--bind-rate=7", "--ingest-rate", "1", "--fresh",
                "--scale", "0.01", "--heap", "2g", "--buffer-pool", "1G", "--dir", "/x", "--portal-arg", "--a=1");
        assertEquals(5, o.outageSeconds());
        assertEquals(3, o.beforeSeconds());
        assertEquals(0, o.warmUpSeconds());
        assertEquals(0, o.routeRate());
        assertEquals(7, o.bindRate());
        assertTrue(o.fresh());
        assertEquals(List.of("--a=1"), o.portalArgs());
        assertEquals(Path.of("/x/results"), o.resultsDir());

        assertThrows(IllegalArgumentException.class, () -> FaultOptions.parse("--outage", "5"));
        assertThrows(IllegalArgumentException.class, () -> FaultOptions.parse("--portal-jar", "p", "--outage", "0"));
        assertThrows(IllegalArgumentException.class, () -> FaultOptions.parse("--portal-jar", "p", "--route-rate",
                "0", "--bind-rate", "0", "--ingest-rate", "0"));
        assertThrows(IllegalArgumentException.class, () -> FaultOptions.parse("--portal-jar", "p", "--outage"));
        assertThrows(IllegalArgumentException.class, () -> FaultOptions.parse("--portal-jar", "p", "--nope", "1"));
    }

    private static KeepAliveHttp.Response answer(int status, String body, String... headers) {
        Map<String, String> h = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        }
        return new KeepAliveHttp.Response(status, h, body);
    }

    @Test
    void routeAnswersAreJudgedByWhoCalled() {
        String connect = "{\"action\":\"CONNECT\",\"callee\":\"+8613601000003\"}";
        String reject = "{\"action\":\"REJECT\",\"reason\":\"NO_BINDING\"}";
        assertTrue(FaultLoad.judgeRoute(answer(200, connect), false, "13601000003", "c1").ack());
        assertEquals("", FaultLoad.judgeRoute(answer(200, connect), false, "13601000003", "c1").ref());
        FaultEvent rejected = FaultLoad.judgeRoute(answer(200, reject), true, "13601000003", "c2");
        assertTrue(rejected.ack());
        assertEquals("c2", rejected.ref());
        assertEquals("wrong answer: REJECT NO_BINDING",
                FaultLoad.judgeRoute(answer(200, reject), false, "13601000003", "c3").outcome());
        assertEquals("wrong answer: CONNECT to another callee",
                FaultLoad.judgeRoute(answer(200, connect), false, "13601000004", "c4").outcome());
        assertFalse(FaultLoad.judgeRoute(answer(200, connect), true, "13601000003", "c5").ack());

        FaultEvent unavailable = FaultLoad.judgeRoute(answer(503,
                "{\"status\":503,\"code\":\"ROUTING_UNAVAILABLE\"}", "Retry-After", "2"), false, "1", "c6");
        assertEquals("503 ROUTING_UNAVAILABLE", unavailable.outcome());
        assertTrue(unavailable.retryAfter() && unavailable.serverError());
        assertEquals("500 Spring default body", FaultLoad.judgeRoute(answer(500,
                "{\"timestamp\":\"2026-12-05T10:00:00Z\",\"status\":500,\"error\":\"Internal Server Error\",\"path\":\"/x\"}"),
                false, "1", "c7").outcome());
        assertEquals("500 no code", FaultLoad.judgeRoute(answer(500, "<html>oops</html>"), false, "1", "c8").outcome());
    }

    @Test
    void bindAndIngestAreAcknowledgedOnlyInFull() {
        FaultEvent bound = FaultLoad.judgeBind(answer(201, "{\"id\":42,\"mode\":\"AXB\"}"), "fault-r-b1");
        assertTrue(bound.ack());
        assertEquals(42, bound.id());
        assertEquals("fault-r-b1", bound.ref());
        assertFalse(FaultLoad.judgeBind(answer(201, "{}"), "fault-r-b2").ack());
        assertEquals("409 X_TAKEN", FaultLoad.judgeBind(answer(409, "{\"code\":\"X_TAKEN\"}"), "b3").outcome());

        assertTrue(FaultLoad.judgeIngest(answer(200, "{\"accepted\":100,\"unmatched\":0,\"duplicates\":0,\"rejected\":0}"),
                "fault-r-c1-").ack());
        assertFalse(FaultLoad.judgeIngest(answer(200, "{\"accepted\":99,\"duplicates\":1}"), "fault-r-c2-").ack());
    }

    @Test
    void theBatchHasUniqueCallIdsUnderItsPrefix() {
        FaultLoad load = new FaultLoad(KeepAliveHttp.of("http://127.0.0.1:1"), DataContract.atScale(0.001), "r", 0);
        String json = load.batch("fault-r-c7-", java.time.Instant.parse("2026-12-05T10:00:00Z"));
        var records = Json.read(json).path("records");
        assertEquals(FaultLoad.BATCH, records.size());
        Set<String> ids = new java.util.HashSet<>();
        records.forEach(r -> ids.add(r.path("callId").asText()));
        assertEquals(FaultLoad.BATCH, ids.size());
        assertTrue(ids.contains("fault-r-c7-0") && ids.contains("fault-r-c7-99"));
    }

    @Test
    void theWarmUpIsNeitherCountedNorUnderTheRunsPrefix() {
        FaultLoad load = new FaultLoad(KeepAliveHttp.of("http://127.0.0.1:1"), DataContract.atScale(0.001), "r", 0);
        load.add(ok("route", 1_000, 1_010));
        load.add(ok("bind", 4_990, 5_020));
        assertTrue(load.events().isEmpty(), "nothing counts before the warm-up ends");
        load.measure(5_000);
        load.add(ok("bind", 5_000, 5_020));
        assertEquals(List.of(ok("bind", 5_000, 5_020)), load.events());
        assertEquals("fault-r-", FaultLoad.prefix("r"));
    }

    @Test
    void theServerIsRecognisedByItsProgramAndPort() {
        byte[] cmdline = "/d/bin/mariadbd\0--no-defaults\0--port=13406\0--datadir=/d/data\0".getBytes(StandardCharsets.UTF_8);
        List<String> command = DatabaseServer.nulSeparated(cmdline);
        assertEquals(List.of("/d/bin/mariadbd", "--no-defaults", "--port=13406", "--datadir=/d/data"), command);
        assertTrue(DatabaseServer.isServer(command, 13406));
        assertFalse(DatabaseServer.isServer(command, 13306));
        assertTrue(DatabaseServer.isServer(List.of("/x/mysqld", "--port=1"), 1));
        assertFalse(DatabaseServer.isServer(List.of("/bin/bash", "-c", "mysqld --port=1"), 1));
        assertFalse(DatabaseServer.isServer(List.of(), 1));
        assertTrue(DatabaseServer.nulSeparated(new byte[0]).isEmpty());
    }

    private static FaultEvent ok(String kind, double start, double end) {
        return new FaultEvent(kind, start, end, 200, "", "", true, false, "", 0);
    }

    private static FaultEvent failed(String kind, double start, double end, int status, String code) {
        return new FaultEvent(kind, start, end, status, code, status == 0 ? "timeout" : "", false, status == 503, "", 0);
    }

    @Test
    void figuresCountFailuresAndMeasureFromTheKillAndTheRestart() {
        // killed at 10 s, started again at 30 s
        List<FaultEvent> events = new ArrayList<>(List.of(
                ok("route", 1_000, 1_010),
                failed("route", 11_000, 12_000, 503, "ROUTING_UNAVAILABLE"),
                failed("route", 12_000, 13_000, 503, "ROUTING_UNAVAILABLE"),
                failed("route", 13_000, 43_000, 500, ""),
                ok("route", 31_000, 31_500), // started after the last failure started (13 s)
                ok("route", 32_000, 32_010),
                failed("bind", 20_000, 25_000, 0, ""),
                ok("bind", 33_000, 33_100),
                ok("ingest", 5_000, 5_100)));
        List<HealthSample> health = List.of(
                new HealthSample("readiness", 9_000, 9_010, 200),
                new HealthSample("readiness", 10_500, 10_510, 200),
                new HealthSample("readiness", 12_000, 12_010, 503),
                new HealthSample("readiness", 20_000, 30_000, 0),
                new HealthSample("readiness", 30_200, 30_300, 503),
                new HealthSample("readiness", 33_000, 33_010, 200),
                new HealthSample("readiness", 34_000, 34_010, 200),
                new HealthSample("liveness", 12_000, 12_010, 200),
                new HealthSample("health", 12_000, 14_500, 503));
        FaultFigures f = new FaultFigures(events, health, 10_000, 30_000);
        assertEquals(6, f.sent("route"));
        assertEquals(3, f.acknowledged("route"));
        assertEquals(Map.of("503 ROUTING_UNAVAILABLE", 2L, "500 no code", 1L), f.serverErrors("route"));
        assertEquals(List.of("503 ROUTING_UNAVAILABLE", "500 no code"), List.copyOf(f.serverErrors("route").keySet()));
        assertEquals(2, f.serverErrorsWithRetryAfter("route"));
        assertEquals(Map.of("timeout", 1L), f.otherFailures("bind"));
        assertEquals(30_000, f.longestMillis("route").getAsDouble(), 1e-9);
        assertEquals("500 no code", f.longestOutcome("route"));
        // the last failed route started at 13 s; the first acknowledged one started after it ended at 31.5 s
        assertEquals(1.5, f.secondsToTrafficOk("route").getAsDouble(), 1e-9);
        assertEquals(3.1, f.secondsToTrafficOk("bind").getAsDouble(), 1e-9);
        assertTrue(f.secondsToTrafficOk("ingest").isEmpty());
        assertFalse(f.anyFailed("ingest"));

        assertEquals(2.01, f.secondsToDown("readiness").getAsDouble(), 1e-9);
        assertEquals(3.01, f.secondsToUp("readiness").getAsDouble(), 1e-9);
        assertEquals(Map.of("UP", 1L, "DOWN", 1L, "no answer", 1L), f.duringOutage("readiness"));
        assertEquals(10_000, f.longestProbeMillis("readiness").getAsDouble(), 1e-9);
        assertTrue(f.secondsToDown("liveness").isEmpty());

        String table = f.table(Map.of("route", new FaultFigures.Stored(0, 0, 0),
                "bind", new FaultFigures.Stored(1, 0, 0), "ingest", new FaultFigures.Stored(100, 0, 0)), "20 s outage");
        assertTrue(table.startsWith("|  | route | bind | ingest |\n|---|---|---|---|\n"), table);
        assertTrue(table.contains("| 5xx | 3 (2 with Retry-After) | 0 | 0 |"), table);
        assertTrue(table.contains("| restart → traffic OK again | 1.5 s | 3.1 s | no failures |"), table);
        assertTrue(table.contains("- readiness: DOWN 2.0 s after the kill, UP 3.0 s after the restart"), table);
        assertTrue(table.contains("- liveness: never said DOWN"), table);
        assertTrue(table.contains("- /actuator/health: DOWN 4.5 s after the kill, not UP again"), table);
    }

    @Test
    void theCommandIsShownWithoutThePortalJarTheScriptAdds() {
        assertEquals("--outage 5", FaultRun.shown("--portal-jar", "t/p.jar", "--outage", "5"));
        assertEquals("--fresh", FaultRun.shown("--fresh", "--portal-jar=t/p.jar"));
    }

    @Test
    void storedWritesAreComparedWithTheAcknowledgedOnes() {
        FaultFigures.Stored s = FaultRun.compare(Set.of("a", "b", "c"), Set.of("b", "c", "d", "e"));
        assertEquals(new FaultFigures.Stored(3, 1, 2), s);
    }
}
