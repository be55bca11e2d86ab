package cn.np700.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fault run (fault/README.md): starts the packaged portal on its embedded database, puts steady route + bind +
 * ingest load on it, kills the database server with SIGKILL, keeps the load going through the outage, starts the
 * server again from its own command line, keeps the load going until readiness is UP and traffic has succeeded for
 * a while, then checks that every acknowledged write is stored and prints what clients saw.
 */
public final class FaultRun {

    private final FaultOptions options;
    private final DataContract data;
    private final String timestamp;
    private final String run;
    private final Instant started;
    private final long t0 = System.nanoTime();
    private double measuredFromMs = Double.NaN;
    private double killMs = Double.NaN;
    private double restartMs = Double.NaN;
    private volatile double databaseUpMs = Double.NaN;

    FaultRun(FaultOptions options, Instant started) {
        this.options = options;
        this.data = DataContract.atScale(options.scale());
        this.timestamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        this.run = Long.toString(started.toEpochMilli(), 36);
        this.started = started;
    }

    static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private double now() {
        return millisSince(t0);
    }

    public static void main(String[] args) {
        FaultOptions options;
        try {
            options = FaultOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(FaultOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int status;
        try {
            status = new FaultRun(options, Instant.now()).run(shown(args));
        } catch (Exception e) {
            System.err.println("The fault run stopped: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** The arguments as typed to fault/run: without the portal jar, which the script adds. */
    static String shown(String... args) {
        List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--portal-jar")) {
                i++;
            } else if (!args[i].startsWith("--portal-jar=")) {
                shown.add(args[i]);
            }
        }
        return String.join(" ", shown);
    }

    int run(String arguments) throws Exception {
        Path dataDir = options.dataDir();
        if (options.fresh() && Files.exists(dataDir)) {
            System.out.println("--fresh: deleting " + dataDir);
            Bench.deleteTree(dataDir);
        }
        Files.createDirectories(options.resultsDir());
        System.out.printf(Locale.ROOT, "Fault run %s: %d tenants, %,d bindings, %,d call records (scale %s); load %d route/s, "
                + "%d bind/s, %d ingest batches of %d/s; outage %d s%n", run, DataContract.TENANTS, data.bindings(),
                data.callRecords(), options.scale(), options.routeRate(), options.bindRate(), options.ingestRate(),
                FaultLoad.BATCH, options.outageSeconds());
        Process restarted = null;
        Thread hook = null;
        PortalProcess portal = PortalProcess.start(options.portalJava(), options.portalArgs(), options.portalJar(),
                options.heap(), dataDir, options.bufferPool(), data, options.resultsDir(), "fault-" + timestamp);
        String report;
        try {
            DatabaseServer.Seen server = DatabaseServer.find(portal.pid(), PortalProcess.DB_PORT).orElseThrow(
                    () -> new IllegalStateException("no mariadbd/mysqld with --port=" + PortalProcess.DB_PORT
                            + " under the portal (pid " + portal.pid() + ")"));
            System.out.println("Database server: pid " + server.pid() + ", " + String.join(" ", server.command()));
            String base = "http://127.0.0.1:" + PortalProcess.HTTP_PORT;
            HealthWatch health = new HealthWatch(base, t0);
            FaultLoad load = new FaultLoad(KeepAliveHttp.of(base), data, run, t0);
            health.start();
            load.start(options.routeRate(), options.bindRate(), options.ingestRate());
            pause(options.warmUpSeconds(), null, health, "warm-up");
            measuredFromMs = now();
            load.measure(measuredFromMs);
            pause(options.beforeSeconds(), load, health, "load");

            System.out.printf(Locale.ROOT, "[%6.1f s] kill -9 %d (the database server)%n", now() / 1000, server.pid());
            killMs = now();
            DatabaseServer.kill(server);
            pause(options.outageSeconds(), load, health, "outage");

            Path serverLog = options.resultsDir().resolve("fault-" + timestamp + "-mariadbd.log");
            restartMs = now();
            restarted = DatabaseServer.restart(server, serverLog);
            watchPort(PortalProcess.DB_PORT);
            Process toStop = restarted;
            hook = new Thread(() -> DatabaseServer.stop(toStop), "stop-database");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.printf(Locale.ROOT, "[%6.1f s] database server started again (pid %d), log: %s%n",
                    now() / 1000, restarted.pid(), serverLog);
            String outcome = awaitRecovery(load, health, restarted);
            System.out.printf(Locale.ROOT, "[%6.1f s] %s; stopping the load%n", now() / 1000, outcome);
            load.stop();
            health.close();

            Map<String, FaultFigures.Stored> stored = verify(load.events(), dataDir);
            List<HealthSample> probes = health.samples().stream().filter(p -> p.startMs() >= measuredFromMs).toList();
            FaultFigures figures = new FaultFigures(load.events(), probes, killMs, restartMs);
            report = report(figures, stored, outcome, arguments);
            writeEvents(load.events(), probes);
        } finally {
            portal.close();
            DatabaseServer.stop(restarted);
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
            for (long pid : DatabaseServer.running(PortalProcess.DB_PORT)) {
                System.err.println("A database server on port " + PortalProcess.DB_PORT + " is still running (pid " + pid
                        + "): killing it");
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        System.out.println();
        System.out.print(report);
        Path md = options.resultsDir().resolve("fault-" + timestamp + ".md");
        Files.writeString(md, report);
        System.out.println("\nWritten to " + md);
        return 0;
    }

    /** Notes when the server started again first accepts a TCP connection (its own recovery, apart from the portal's). */
    private void watchPort(int port) {
        Thread thread = new Thread(() -> {
            double deadline = now() + options.maxRecoverySeconds() * 1000.0;
            while (now() < deadline) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                    databaseUpMs = now();
                    System.out.printf(Locale.ROOT, "[%6.1f s] the database server accepts connections again%n",
                            databaseUpMs / 1000);
                    return;
                } catch (IOException e) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "watch-database-port");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits, printing the load's progress every 5 s. */
    private void pause(int seconds, FaultLoad load, HealthWatch health, String phase) throws InterruptedException {
        double until = now() + seconds * 1000.0;
        while (now() < until) {
            Thread.sleep((long) Math.min(5000, Math.max(1, until - now())));
            progress(load, health, phase);
        }
    }

    private void progress(FaultLoad load, HealthWatch health, String phase) {
        List<FaultEvent> events = load == null ? List.of() : load.events();
        String kinds = load == null ? "(not counted)" : FaultFigures.KINDS.stream().map(kind -> {
            long sent = events.stream().filter(e -> e.kind().equals(kind)).count();
            long ok = events.stream().filter(e -> e.kind().equals(kind) && e.ack()).count();
            return kind + " " + ok + "/" + sent;
        }).collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "[%6.1f s] %-8s acknowledged/answered: %s; readiness %s, liveness %s%n",
                now() / 1000, phase, kinds, answer(health.last("readiness")), answer(health.last("liveness")));
    }

    private static String answer(int status) {
        return status == 200 ? "UP" : status == 503 ? "DOWN" : status == 0 ? "no answer" : status < 0 ? "?" : "HTTP " + status;
    }

    /**
     * Until readiness says UP and each kind of traffic has been acknowledged, without a failure, for the settle time;
     * or the server died again; or the maximum wait passed.
     */
    private String awaitRecovery(FaultLoad load, HealthWatch health, Process server) throws InterruptedException {
        double settle = options.settleSeconds() * 1000.0;
        double deadline = restartMs + options.maxRecoverySeconds() * 1000.0;
        long lastProgress = System.nanoTime();
        while (true) {
            Thread.sleep(200);
            if (!server.isAlive()) {
                return "the database server started again exited with status " + server.exitValue();
            }
            if (now() > deadline) {
                return "not recovered " + options.maxRecoverySeconds() + " s after the restart";
            }
            if (System.nanoTime() - lastProgress > 5_000_000_000L) {
                progress(load, health, "recovery");
                lastProgress = System.nanoTime();
            }
            if (health.last("readiness") == 200 && settled(load.events(), settle)) {
                return "recovered: readiness UP and " + options.settleSeconds() + " s of clean traffic";
            }
        }
    }

    private boolean settled(List<FaultEvent> events, double settle) {
        double now = now();
        for (String kind : FaultFigures.KINDS) {
            List<FaultEvent> of = events.stream().filter(e -> e.kind().equals(kind)).toList();
            if (!active(kind)) {
                continue;
            }
            double since = Math.max(restartMs, of.stream().filter(e -> !e.ack()).mapToDouble(FaultEvent::endMs).max()
                    .orElse(restartMs));
            boolean acked = of.stream().anyMatch(e -> e.ack() && e.startMs() >= since);
            if (!acked || now - since < settle) {
                return false;
            }
        }
        return true;
    }

    private boolean active(String kind) {
        return switch (kind) {
            case "route" -> options.routeRate() > 0;
            case "bind" -> options.bindRate() > 0;
            default -> options.ingestRate() > 0;
        };
    }

    /** Reads back, over JDBC as the portal's own user, what each acknowledged write should have left. */
    private Map<String, FaultFigures.Stored> verify(List<FaultEvent> events, Path dataDir) {
        Map<String, FaultFigures.Stored> stored = new LinkedHashMap<>();
        try (Database db = Database.of(dataDir); Connection c = db.connect()) {
            Set<String> rejects = events.stream().filter(e -> e.kind().equals("route") && e.ack() && !e.ref().isEmpty())
                    .map(FaultEvent::ref).collect(Collectors.toSet());
            Set<String> rejectionRows = awaitRejections(c, FaultLoad.prefix(run) + "r%");
            stored.put("route", compare(rejects, rejectionRows));

            Map<Long, String> bindings = new LinkedHashMap<>();
            events.stream().filter(e -> e.kind().equals("bind") && e.ack()).forEach(e -> bindings.put(e.id(), e.ref()));
            Set<String> boundIds = new HashSet<>();
            Set<String> boundRefs = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, order_ref FROM binding WHERE order_ref LIKE ?")) {
                s.setString(1, FaultLoad.prefix(run) + "b%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        boundIds.add(Long.toString(rs.getLong(1)));
                        boundRefs.add(rs.getString(2));
                    }
                }
            }
            long missingBindings = bindings.keySet().stream().filter(id -> !boundIds.contains(Long.toString(id))).count();
            long unacknowledgedBindings = boundRefs.stream().filter(ref -> !bindings.containsValue(ref)).count();
            stored.put("bind", new FaultFigures.Stored(bindings.size(), missingBindings, unacknowledgedBindings));

            Set<String> records = new HashSet<>();
            events.stream().filter(e -> e.kind().equals("ingest") && e.ack()).forEach(e -> {
                for (int j = 0; j < FaultLoad.BATCH; j++) {
                    records.add(e.ref() + j);
                }
            });
            stored.put("ingest", compare(records, strings(c, "SELECT call_id FROM call_record WHERE call_id LIKE ?",
                    FaultLoad.prefix(run) + "c%")));
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("Could not check the stored writes: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stored;
    }

    /** Route rejections are written in batches (every second): waits until their count stays put for 3 s (at most 30 s). */
    private static Set<String> awaitRejections(Connection c, String like) throws SQLException, InterruptedException {
        Set<String> rows = strings(c, "SELECT call_id FROM route_rejection WHERE call_id LIKE ?", like);
        int still = 0;
        for (int i = 0; i < 30 && still < 3; i++) {
            Thread.sleep(1000);
            Set<String> again = strings(c, "SELECT call_id FROM route_rejection WHERE call_id LIKE ?", like);
            still = again.size() == rows.size() ? still + 1 : 0;
            rows = again;
        }
        return rows;
    }

    static FaultFigures.Stored compare(Set<String> acknowledged, Set<String> stored) {
        long missing = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        long extra = stored.stream().filter(id -> !acknowledged.contains(id)).count();
        return new FaultFigures.Stored(acknowledged.size(), missing, extra);
    }

    private static Set<String> strings(Connection c, String sql, String like) throws SQLException {
        Set<String> result = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    private String report(FaultFigures figures, Map<String, FaultFigures.Stored> stored, String outcome,
            String arguments) {
        StringBuilder out = new StringBuilder();
        String commit = System.getProperty("fault.commit", "");
        out.append(String.format(Locale.ROOT, "Fault run %s, %s, `%s`%s; data set scale %s (%,d bindings); "
                + "load %d route/s (1 in 5 a REJECT), %d bind/s, %d ingest batches of %d records/s; "
                + "database killed (SIGKILL) after %d s of warm-up and %.1f s of load, started again %.1f s later, accepting connections "
                + "%.1f s after that; %s.%n",
                run, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                ("fault/run " + arguments).trim(), commit.isEmpty() ? "" : " on commit " + commit, options.scale(), data.bindings(), options.routeRate(),
                options.bindRate(), options.ingestRate(), FaultLoad.BATCH, options.warmUpSeconds(), (killMs - measuredFromMs) / 1000,
                (restartMs - killMs) / 1000, (databaseUpMs - restartMs) / 1000, outcome));
        out.append('\n');
        out.append(figures.table(stored, String.format(Locale.ROOT, "%.0f s outage", (restartMs - killMs) / 1000)));
        return out.toString();
    }

    /** Every request and probe, as CSV, for a closer look. */
    private void writeEvents(List<FaultEvent> events, List<HealthSample> samples) throws IOException {
        Path file = options.resultsDir().resolve("fault-" + timestamp + "-requests.csv");
        StringBuilder csv = new StringBuilder("kind,start_ms,end_ms,outcome,retry_after\n");
        for (FaultEvent e : events) {
            csv.append(e.kind()).append(',').append(Math.round(e.startMs())).append(',').append(Math.round(e.endMs()))
                    .append(',').append(e.outcome().replace(',', ';')).append(',').append(e.retryAfter()).append('\n');
        }
        for (HealthSample s : samples) {
            csv.append(s.group()).append(',').append(Math.round(s.startMs())).append(',').append(Math.round(s.endMs()))
                    .append(',').append(s.status()).append(",\n");
        }
        csv.append("kill,").append(Math.round(killMs)).append(",,,\nrestart,").append(Math.round(restartMs)).append(",,,\n");
        Files.writeString(file, csv.toString());
        System.out.println("Requests and probes: " + file);
    }

}
