package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsAndProcessTest {

    @Test
    void defaults() {
        Options o = Options.parse("--portal-jar", "target/p.jar");
        assertEquals(Path.of("target/p.jar"), o.portalJar());
        assertEquals(1.0, o.scale());
        assertFalse(o.fresh());
        assertEquals(Set.copyOf(Options.WORKLOADS), o.only());
        assertEquals(20, o.seconds());
        assertEquals(5, o.warmUpSeconds());
        assertEquals("2g", o.heap());
        assertEquals("6G", o.bufferPool());
        assertTrue(o.dataDir().endsWith(Path.of("bench", "data")));
        assertEquals(PortalProcess.javaExecutable(), o.portalJava());
        assertEquals(List.of("call.records.stored"), o.webhookEvents());
    }

    @Test
    void everyOption() {
        Options o = Options.parse("--portal-jar=p.jar", "--scale", "0.01", "--fresh", "--only", "export,route",
                "--seconds=5", "--heap", "1g", "--buffer-pool", "512M", "--portal-java", "/jdk25/bin/java",
                "--portal-arg", "--a=1", "--portal-arg=--b=2", "--warm-up", "30",
                "--webhook-event", "call.record.stored,call.records.stored", "--portal-jvm-arg=-Xlog:gc:file=g.log",
                "--portal-jvm-arg", "-Xmn512m");
        assertEquals(0.01, o.scale());
        assertEquals(30, o.warmUpSeconds());
        assertTrue(o.fresh());
        assertEquals(List.of("route", "export"), List.copyOf(o.only()));
        assertTrue(o.runs("route") && !o.runs("bind"));
        assertEquals(5, o.seconds());
        assertEquals("1g", o.heap());
        assertEquals("512M", o.bufferPool());
        assertEquals("/jdk25/bin/java", o.portalJava());
        assertEquals(List.of("--a=1", "--b=2"), o.portalArgs());
        assertEquals(List.of("call.record.stored", "call.records.stored"), o.webhookEvents());
        assertEquals(List.of("-Xlog:gc:file=g.log", "-Xmn512m"), o.portalJvmArgs());
    }

    @Test
    void webhooksLetThePortalPushToLoopbackOnlyWhenInTheRun() {
        Options with = Options.parse("--portal-jar=p.jar", "--only", "webhooks", "--portal-arg=--a=1");
        assertEquals(List.of("--portal.webhooks.allowed-networks=127.0.0.0/8", "--portal.webhooks.allow-plain-http=true",
                "--a=1"), Bench.portalArgs(with));
        Options without = Options.parse("--portal-jar=p.jar", "--only", "ingest", "--portal-arg=--a=1");
        assertEquals(List.of("--a=1"), Bench.portalArgs(without));
    }

    @Test
    void theRoutingCacheIsSizedForTheDataSetOnlyWhereTheDefaultWouldNotHoldIt() {
        Options plain = Options.parse("--portal-jar=p.jar");
        assertEquals(List.of("--portal.routing.cache.numbers=150000"),
                Bench.routeCacheArgs(plain, DataContract.atScale(0.1)));
        assertEquals(List.of(), Bench.routeCacheArgs(plain, DataContract.atScale(0.01)));
        assertEquals(List.of(), Bench.routeCacheArgs(plain, DataContract.atScale(1.0)));
        Options own = Options.parse("--portal-jar=p.jar", "--portal-arg=--portal.routing.cache.numbers=5");
        assertEquals(List.of(), Bench.routeCacheArgs(own, DataContract.atScale(0.1)));
    }

    @Test
    void mistakes() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--scale", "1"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--only", "rout"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--scale", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--heap", "lots"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--webhook-event", "call.routed"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--seconds"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--what"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--portal-jar", "p", "--warm-up", "-1"));
    }

    @Test
    void portalCommandLine() {
        List<String> command = PortalProcess.command("/jdk/bin/java", Path.of("/repo/target/portal.jar"), "256m",
                Path.of("/repo/bench/data"), "6G", DataContract.atScale(0.5), List.of("--server.tomcat.threads.max=50"));
        assertEquals(List.of("/jdk/bin/java", "-Xmx256m", "-jar", "/repo/target/portal.jar", "--server.port=18080",
                "--portal.db.embedded.data-dir=/repo/bench/data",
                "--portal.db.embedded.base-dir=/repo/bench/data/mariadb-base", "--portal.db.embedded.port=13306",
                "--portal.db.embedded.buffer-pool=6G", "--portal.demo-data=true",
                "--portal.calls.traffic.live-trickle=false", "--portal.risk.sweep=PT24H", "--portal.bench.seed=true",
                "--portal.bench.tenants=20", "--portal.bench.blocks=1000", "--portal.bench.bindings=500000",
                "--portal.bench.call-records=5000000", "--server.tomcat.threads.max=50"), command);
        List<String> withJvmArgs = PortalProcess.command("/jdk/bin/java", List.of("-Xlog:gc"),
                Path.of("/repo/target/portal.jar"), "256m", Path.of("/repo/bench/data"), "6G", DataContract.atScale(0.5),
                List.of());
        assertEquals(List.of("/jdk/bin/java", "-Xmx256m", "-Xlog:gc", "-jar", "/repo/target/portal.jar"),
                withJvmArgs.subList(0, 5));
    }

    @Test
    void logProgressAndTail(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("portal.log");
        Files.writeString(log, "start\nINFO Bench data: bindings 1000/5000\nother\nINFO Bench data: bindings 2000/5000\n"
                + "last line\n");
        assertEquals("INFO Bench data: bindings 2000/5000", PortalProcess.lastLineContaining(log, "Bench data"));
        assertEquals("other\nINFO Bench data: bindings 2000/5000\nlast line", PortalProcess.tail(log, 3));
        assertEquals(null, PortalProcess.lastLineContaining(dir.resolve("missing.log"), "Bench data"));
    }

    @Test
    void deleteOnlyADataDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("mariadb/portal"));
        Files.writeString(data.resolve("mariadb/portal/t.ibd"), "x");
        Bench.deleteTree(data);
        assertFalse(Files.exists(data));
        assertThrows(IllegalStateException.class, () -> Bench.deleteTree(dir));
    }

    @Test
    void briefErrors() {
        assertEquals("IllegalStateException: first line",
                Bench.brief(new IllegalStateException("first line\n\nmore detail")));
        assertEquals("NullPointerException", Bench.brief(new NullPointerException()));
    }
}
