package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark: starts the packaged portal on its embedded database (which loads the data set the first time),
 * drives route, bind, ingest, pages and export over HTTP from this process, measures the same database work over
 * JDBC for route, bind and ingest, and prints a table (also written as JSON and Markdown to bench/results).
 * It reports figures; it never fails a build over them.
 */
public final class Bench {

    static final String BASE = "http://127.0.0.1:" + PortalProcess.HTTP_PORT;
    static final int[] ROUTE_CONCURRENCY = {8, 16, 32, 64};
    static final int BIND_CONCURRENCY = 20;
    static final int[] INGEST_CONCURRENCY = {2, 4, 8};
    static final int ROUTE_KEY_SAMPLE = 100_000;
    static final int PAGE_SAMPLES = 200;
    static final int PAGE_THREADS = 2;
    static final int OPEN_LOOP_WORKERS = Integer.getInteger("bench.open-loop-workers", 256);
    static final double[] OPEN_LOOP_SHARES = {0.5, 0.8};
    static final String EXPORT_HEAP = "256m";
    static final List<String> WEBHOOK_PORTAL_ARGS = List.of("--portal.webhooks.allowed-networks=127.0.0.0/8",
            "--portal.webhooks.allow-plain-http=true");
    static final int WEBHOOK_SENDERS = 32;
    static final int WEBHOOK_DRAIN_SECONDS = 60;
    /** The last 3 of the seeded 30 days: about 1,000,000 of the 10,000,000 records, whatever the scale. */
    static final double EXPORT_DAYS = 3.0;

    private final Options options;
    private final DataContract data;
    private final Report report = new Report();
    private final String timestamp;
    private final String run;
    /** Route's closed loops in this run, by concurrency, for the floor's ratios (empty when route was not measured). */
    private final List<LoadResult> routeClosed = new ArrayList<>();
    /** The floor's closed loops, each run right after route's at the same concurrency (see {@link #floor()}). */
    private final List<LoadResult> floorClosed = new ArrayList<>();
    /** Route's open loops at {@link #OPEN_LOOP_SHARES} of its saturation, and the floor's at the same shares of its own. */
    private final List<LoadResult> routeOpen = new ArrayList<>();
    private final List<LoadResult> floorOpen = new ArrayList<>();
    /** How late the generator sent each of those open loops' requests (its own part of their latency). */
    private final List<LatencyRecorder> routeLateness = new ArrayList<>();
    private final List<LatencyRecorder> floorLateness = new ArrayList<>();
    /** Ingest's best records/s in this run (NaN until measured), for the webhooks phase's 50 %. */
    private double ingestSaturation = Double.NaN;

    Bench(Options options, Instant started) {
        this.options = options;
        this.data = DataContract.atScale(options.scale());
        this.timestamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        this.run = Long.toString(started.toEpochMilli(), 36);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        try {
            new Bench(options, Instant.now()).run(String.join(" ", args));
        } catch (Exception e) {
            System.err.println("The benchmark stopped: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    void run(String arguments) throws Exception {
        Path dataDir = options.dataDir();
        if (options.fresh() && Files.exists(dataDir)) {
            System.out.println("--fresh: deleting " + dataDir);
            deleteTree(dataDir);
        }
        boolean reused = Files.isRegularFile(dataDir.resolve("bench-seed.json"));
        context(arguments);
        System.out.printf(Locale.ROOT, "Data set: %d tenants, %,d blocks, %,d bindings, %,d call records (scale %s)%n",
                DataContract.TENANTS, data.blocks(), data.bindings(), data.callRecords(), options.scale());
        System.out.println(reused ? "Found a data set in " + dataDir + ": it will be reused"
                : "No data set in " + dataDir + ": the portal loads it now (tens of minutes at full scale)");

        boolean needsMain = options.runs("route") || options.runs("floor") || options.runs("bind") || options.runs("ingest")
                || options.runs("webhooks") || options.runs("pages") || !reused;
        if (needsMain) {
            try (PortalProcess portal = startPortal(options.heap())) {
                loading(portal, reused, dataDir);
                Database db = null;
                try {
                    db = Database.of(dataDir);
                } catch (IOException | RuntimeException e) {
                    report.note("no JDBC baselines: " + brief(e));
                }
                try {
                    Database database = db;
                    step("route", () -> route(database));
                    step("floor", this::floor);
                    step("bind", () -> bind(database));
                    step("ingest", () -> ingest(database));
                    step("webhooks", () -> webhooks(database));
                } finally {
                    if (db != null) {
                        db.close();
                    }
                }
                step("pages", this::pages);
            }
        }
        if (options.runs("export")) {
            try (PortalProcess portal = startPortal(EXPORT_HEAP)) {
                if (!needsMain) {
                    loading(portal, reused, dataDir);
                }
                step("export", () -> export(portal));
            }
        }
        finish();
    }

    private PortalProcess startPortal(String heap) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(heap.equals(EXPORT_HEAP) ? List.of() : routeCacheArgs(options, data));
        args.addAll(portalArgs(options));
        return PortalProcess.start(options.portalJava(), options.portalJvmArgs(), args,
                options.portalJar(), heap, options.dataDir(), options.bufferPool(), data, options.resultsDir(), timestamp);
    }

    /** Routing cache numbers beyond the portal's default (100,000), up to this many: about 250 MB of the heap. */
    static final long ROUTE_CACHE_MAX = 250_000;

    /**
     * The routing cache sized for the data set when it would fit and the default would not: 1.5 numbers a seeded
     * binding, room for the live bindings earlier bind phases and the demo data leave. At {@code --scale 0.1} the
     * default held exactly the 100,000 seeded X, with about 13,000 more live ones: the full cache then admitted and
     * evicted on the uniform calls for minutes, 10-24 % of route's calls read the database and queued for the routing
     * pool, the floor never does. Not for the export's 256 MB start, nor when --portal-arg sets it.
     */
    static List<String> routeCacheArgs(Options options, DataContract data) {
        long numbers = data.bindings() * 3 / 2;
        boolean set = options.portalArgs().stream().anyMatch(a -> a.startsWith("--portal.routing.cache.numbers="));
        return set || numbers <= 100_000 || numbers > ROUTE_CACHE_MAX ? List.of()
                : List.of("--portal.routing.cache.numbers=" + numbers);
    }

    /** The user's portal arguments, and with the webhooks workload in the run those that let it push to loopback. */
    static List<String> portalArgs(Options options) {
        if (!options.runs("webhooks")) {
            return options.portalArgs();
        }
        List<String> args = new ArrayList<>(WEBHOOK_PORTAL_ARGS);
        args.addAll(options.portalArgs());
        return args;
    }

    private void context(String arguments) {
        report.put("date", Instant.now().toString());
        report.put("command", "bench/run " + arguments);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memTotal());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("portalJdk", PortalProcess.version(options.portalJava()) + " (" + options.portalJava() + ")");
        if (!options.portalJvmArgs().isEmpty()) {
            machine.put("portalJvmArgs", String.join(" ", options.portalJvmArgs()));
        }
        if (!portalArgs(options).isEmpty()) {
            machine.put("portalArgs", String.join(" ", portalArgs(options)));
        }
        machine.put("generatorJdk",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.put("machine", machine);
        Map<String, Object> dataSet = new LinkedHashMap<>();
        dataSet.put("scale", options.scale());
        dataSet.put("tenants", DataContract.TENANTS);
        dataSet.put("blocks", data.blocks());
        dataSet.put("bindings", data.bindings());
        dataSet.put("callRecords", data.callRecords());
        report.put("dataSet", dataSet);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seconds", options.seconds());
        settings.put("warmUpSeconds", options.warmUpSeconds());
        settings.put("portalHeap", options.heap());
        settings.put("bufferPool", options.bufferPool());
        settings.put("workloads", String.join(",", options.only()));
        if (options.runs("webhooks")) {
            settings.put("webhookEvents", String.join(",", options.webhookEvents()));
        }
        report.put("settings", settings);
    }

    static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> {
                        long kb = Long.parseLong(l.replaceAll("\\D", ""));
                        return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                    }).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void loading(PortalProcess portal, boolean reused, Path dataDir) throws IOException {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("dataReused", reused);
        load.put("secondsToReady", Math.round(portal.secondsToReady() * 10) / 10.0);
        load.put("portalLog", portal.log().toString());
        report.put("loading", load);
        if (reused) {
            System.out.println("data reused (" + dataDir + "); the portal was ready after "
                    + String.format(Locale.ROOT, "%.1f s", portal.secondsToReady()));
        } else {
            System.out.println("Data set loaded; start to ready took "
                    + String.format(Locale.ROOT, "%.1f s", portal.secondsToReady()));
        }
        Path seedFile = dataDir.resolve("bench-seed.json");
        if (Files.isRegularFile(seedFile)) {
            JsonNode seed = Json.read(Files.readString(seedFile));
            report.seed(seed);
            System.out.println("Seed phases: " + report.seedSummary());
            for (JsonNode phase : seed.path("phases")) {
                String name = phase.path("name").asText();
                long count = phase.path("count").asLong(-1);
                long wanted = "bindings".equals(name) ? data.bindings()
                        : "call-records".equals(name) || "callRecords".equals(name) ? data.callRecords() : -1;
                if (wanted >= 0 && count >= 0 && count != wanted) {
                    report.note("the data set in " + dataDir + " has " + count + " " + name + " but this run asked for "
                            + wanted + " (another --scale?); run with --fresh to reload");
                }
            }
        } else {
            report.note("no " + seedFile + ": the seeder's phases and times are unknown");
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private void step(String workload, Step step) {
        if (!options.runs(workload)) {
            return;
        }
        System.out.println();
        System.out.println("== " + workload + " ==");
        try {
            step.run();
        } catch (Exception e) {
            report.note(workload + " could not be measured: " + brief(e));
            e.printStackTrace();
        }
    }

    private LoadResult closed(String name, int threads, Workload workload) {
        System.out.printf(Locale.ROOT, "  %s: closed loop, %d threads, %d s warm-up + %d s%n", name, threads,
                options.warmUpSeconds(), options.seconds());
        LoadResult result = ClosedLoop.run(name, threads, options.warmUpSeconds(), options.seconds(), workload);
        summary(result);
        return result;
    }

    private static void summary(LoadResult r) {
        LatencyRecorder.Latencies l = r.recorder().latencies();
        System.out.printf(Locale.ROOT, "    %,.0f ops/s%s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, failures %s%n",
                r.rate(), r.recorder().units() != r.recorder().successes()
                        ? String.format(Locale.ROOT, " (%,.0f units/s)", r.unitRate()) : "",
                l.p50(), l.p99(), l.p999(), r.recorder().failures());
    }

    private static LoadResult best(List<LoadResult> results, Comparator<LoadResult> by) {
        return results.stream().max(by).orElseThrow();
    }

    // ---- route -------------------------------------------------------------------------------------------------

    private void route(Database db) throws Exception {
        List<LoadResult> closed = new ArrayList<>();
        List<LoadResult> open = new ArrayList<>();
        LoadResult saturation;
        // one keep-alive connection per worker thread; each loop's threads open their own, closed after the loop
        try (KeepAliveHttp http = KeepAliveHttp.of(BASE); KeepAliveHttp pings = KeepAliveHttp.of(BASE)) {
            Workload route = new RouteWorkload(http, data, run);
            Workload floor = new FloorWorkload(pings);
            // after a start the JIT compiles the code of whichever runs first (route), on the same cores: both warm up
            // before the pairs, so that the first pair's ratio measures requests and not the compiler
            double warmUp = 2 * options.warmUpSeconds();
            System.out.printf(Locale.ROOT, "  warm-up, not measured: route then floor, 16 threads, %.0f s each%n", warmUp);
            ClosedLoop.run("route warm-up", 16, warmUp, 0, route);
            http.close();
            if (options.runs("floor")) {
                ClosedLoop.run("floor warm-up", 16, warmUp, 0, floor);
                pings.close();
            }
            for (int threads : ROUTE_CONCURRENCY) {
                closed.add(closed("route", threads, route));
                http.close();
                // on a shared machine the load moves from minute to minute: each pair runs back to back
                if (options.runs("floor")) {
                    floorClosed.add(closed("floor", threads, floor));
                    pings.close();
                }
            }
            routeClosed.addAll(closed);
            saturation = best(closed, Comparator.comparingDouble(LoadResult::rate));
            // what the machine allows: the floor in the same open loop at the same share of its own saturation, right
            // after route's, so that route's tail is read against the trivial request's on the same minute's machine
            double floorSaturation = floorClosed.isEmpty() ? Double.NaN
                    : best(floorClosed, Comparator.comparingDouble(LoadResult::rate)).rate();
            for (double share : OPEN_LOOP_SHARES) {
                open.add(open("route", share, saturation.rate(), route, routeLateness));
                http.close();
                if (!Double.isNaN(floorSaturation)) {
                    floorOpen.add(open("floor", share, floorSaturation, floor, floorLateness));
                    pings.close();
                }
            }
            routeOpen.addAll(open);
        }

        List<LoadResult> jdbc = new ArrayList<>();
        try {
            if (db == null) {
                throw new IllegalStateException("no database connection");
            }
            System.out.println("  JDBC baseline: sampling routing keys from binding_slot");
            List<JdbcBaselines.RouteKey> keys = JdbcBaselines.sampleRouteKeys(db, data, ROUTE_KEY_SAMPLE);
            System.out.printf(Locale.ROOT, "    %,d keys%n", keys.size());
            for (int threads : ROUTE_CONCURRENCY) {
                jdbc.add(closed("route JDBC", threads, JdbcBaselines.route(db, keys)));
                db.closeConnections();
            }
        } catch (Exception e) {
            report.note("route: the JDBC baseline could not be measured: " + brief(e));
            jdbc.clear();
        }
        long wrong = 0;
        for (int i = 0; i < closed.size(); i++) {
            LoadResult r = closed.get(i);
            wrong += r.recorder().failureCount();
            Measurement m = Measurement.of("route", "closed loop, " + r.concurrency() + " threads"
                    + (r == saturation ? " (saturation)" : ""), r.rate(), "req/s").latencies(r.recorder().latencies())
                    .target(r == saturation ? "≥ 20,000 req/s" : "")
                    .baseline(jdbc.isEmpty() ? Double.NaN : jdbc.get(i).rate(), "q/s").errors(r.recorder().failures());
            report.add(m);
        }
        for (int i = 0; i < open.size(); i++) {
            LoadResult r = open.get(i);
            wrong += r.recorder().failureCount();
            report.add(Measurement.of("route", String.format(Locale.ROOT, "open loop at %s (%,.0f req/s scheduled)",
                    percent(OPEN_LOOP_SHARES[i]), r.targetRate()), r.rate(), "req/s").latencies(r.recorder().latencies())
                    .target(i == 1 ? "p99 ≤ 10 ms" : "").errors(r.recorder().failures()));
            report.add(lateness("route", OPEN_LOOP_SHARES[i], routeLateness.get(i)));
        }
        for (LoadResult r : jdbc) {
            report.add(Measurement.of("route", "JDBC baseline: the look-up, " + r.concurrency() + " connections",
                    r.rate(), "q/s").latencies(r.recorder().latencies()).errors(r.recorder().failures()));
        }
        if (!jdbc.isEmpty()) {
            LoadResult jdbcBest = best(jdbc, Comparator.comparingDouble(LoadResult::rate));
            report.add(Measurement.of("route", "HEADLINE portal saturation ÷ JDBC look-ups", saturation.rate(), "req/s")
                    .baseline(jdbcBest.rate(), "q/s"));
        }
        if (wrong > 0) {
            report.note("ROUTE RESULTS ARE INVALID: " + wrong + " route requests were not answered CONNECT to the bound"
                    + " B (see the errors column); the data set or the routing is not what the benchmark expects");
        }
    }

    // ---- floor ------------------------------------------------------------------------------------------------

    /**
     * The same server answering {@code GET /api/carrier/v1/ping} (204, no work) through the carrier authentication, at
     * route's concurrencies: route ÷ floor is the share of the server's own HTTP ceiling that routing keeps. With route
     * in the run, each floor loop ran right after route's at the same concurrency; alone, it runs here.
     */
    private void floor() throws Exception {
        List<LoadResult> closed = floorClosed;
        if (closed.isEmpty()) {
            try (KeepAliveHttp http = KeepAliveHttp.of(BASE)) {
                Workload floor = new FloorWorkload(http);
                for (int threads : ROUTE_CONCURRENCY) {
                    closed.add(closed("floor", threads, floor));
                    http.close();
                }
            }
        }
        LoadResult saturation = best(closed, Comparator.comparingDouble(LoadResult::rate));
        long failed = 0;
        for (LoadResult r : closed) {
            failed += r.recorder().failureCount();
            report.add(Measurement.of("floor", "GET /api/carrier/v1/ping, closed loop, " + r.concurrency() + " threads"
                    + (r == saturation ? " (saturation)" : ""), r.rate(), "req/s").latencies(r.recorder().latencies())
                    .errors(r.recorder().failures()));
        }
        if (failed > 0) {
            report.note("FLOOR RESULTS ARE INVALID: " + failed + " pings were not answered 204 (see the errors column)");
        }
        if (routeClosed.size() == closed.size()) {
            for (int i = 0; i < closed.size(); i++) {
                report.add(Measurement.of("route", "route ÷ floor, " + closed.get(i).concurrency()
                        + " threads each, back to back", routeClosed.get(i).rate(), "req/s")
                        .baseline(closed.get(i).rate(), "req/s"));
            }
            LoadResult routeBest = best(routeClosed, Comparator.comparingDouble(LoadResult::rate));
            report.add(Measurement.of("route", "HEADLINE route saturation ÷ floor saturation (same run)",
                    routeBest.rate(), "req/s").baseline(saturation.rate(), "req/s"));
        }
        for (int i = 0; i < floorOpen.size(); i++) {
            LoadResult r = floorOpen.get(i);
            if (r.recorder().failureCount() > 0) {
                report.note("FLOOR RESULTS ARE INVALID: " + r.recorder().failureCount() + " pings of the open loop at "
                        + percent(OPEN_LOOP_SHARES[i]) + " were not answered 204 (see the errors column)");
            }
            report.add(Measurement.of("floor", String.format(Locale.ROOT, "open loop at %s of the floor's saturation"
                    + " (%,.0f req/s scheduled)", percent(OPEN_LOOP_SHARES[i]), r.targetRate()), r.rate(), "req/s")
                    .latencies(r.recorder().latencies()).errors(r.recorder().failures()));
            report.add(lateness("floor", OPEN_LOOP_SHARES[i], floorLateness.get(i)));
        }
        for (int i = 0; i < Math.min(floorOpen.size(), routeOpen.size()); i++) {
            report.add(Measurement.of("route", "p99 ÷ floor p99, open loops at " + percent(OPEN_LOOP_SHARES[i])
                    + " of each's saturation, back to back", routeOpen.get(i).recorder().percentileMillis(99), "ms")
                    .baseline(floorOpen.get(i).recorder().percentileMillis(99), "ms")
                    .target(i == OPEN_LOOP_SHARES.length - 1 ? "route ≤ 10 ms needs the floor's ≤ 10 ms" : ""));
        }
    }

    /** An open loop at {@code share} of {@code saturation} req/s; the sends' lateness goes to {@code lateness}. */
    private LoadResult open(String name, double share, double saturation, Workload workload,
            List<LatencyRecorder> lateness) {
        double rate = Math.max(1, Math.floor(saturation * share));
        System.out.printf(Locale.ROOT, "  %s: open loop at %,.0f req/s (%s of %,.0f), %d workers%n", name, rate,
                percent(share), saturation, OPEN_LOOP_WORKERS);
        LatencyRecorder late = new LatencyRecorder();
        LoadResult r = OpenLoop.run(name, rate, OPEN_LOOP_WORKERS, options.warmUpSeconds(), options.seconds(),
                workload, late);
        summary(r);
        LatencyRecorder.Latencies l = late.latencies();
        System.out.printf(Locale.ROOT, "    sent late (the generator's part): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                l.p50(), l.p99(), l.max());
        lateness.add(late);
        return r;
    }

    private static Measurement lateness(String workload, double share, LatencyRecorder late) {
        return Measurement.of(workload, "open loop at " + percent(share) + ": sent after the intended start (the"
                + " generator's part of the latency, " + OPEN_LOOP_WORKERS + " workers)", late.successes(), "requests")
                .latencies(late.latencies());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    // ---- bind --------------------------------------------------------------------------------------------------

    private void bind(Database db) throws Exception {
        LoadResult portal;
        try (KeepAliveHttp http = KeepAliveHttp.of(BASE)) {
            portal = closed("bind", BIND_CONCURRENCY, new BindWorkload(http, data, run));
        }
        LoadResult jdbc = null;
        try {
            if (db == null) {
                throw new IllegalStateException("no database connection");
            }
            List<Long> tenantIds = JdbcBaselines.tenantIds(db);
            JdbcBaselines.createBindTables(db);
            try {
                jdbc = closed("bind JDBC", BIND_CONCURRENCY, JdbcBaselines.bind(db, data, tenantIds, run));
            } finally {
                db.closeConnections();
                JdbcBaselines.dropBindTables(db);
            }
        } catch (Exception e) {
            report.note("bind: the JDBC baseline could not be measured: " + brief(e));
        }
        Map<String, Long> refusals = portal.recorder().failures();
        report.add(Measurement.of("bind", "20 tenants, " + BIND_CONCURRENCY + " threads: creations", portal.rate(),
                "/s").p50p99(portal.recorder().latencies()).target("≥ 5,000/s, p99 ≤ 50 ms")
                .baseline(jdbc == null ? Double.NaN : jdbc.rate(), "/s").errors(refusals));
        if (jdbc != null) {
            report.add(Measurement.of("bind", "JDBC baseline: binding + 2 slots per transaction", jdbc.rate(), "/s")
                    .p50p99(jdbc.recorder().latencies()).errors(jdbc.recorder().failures()));
        }
        long conflicts = refusals.entrySet().stream().filter(e -> e.getKey().startsWith("HTTP 409"))
                .mapToLong(Map.Entry::getValue).sum();
        if (conflicts > 0) {
            report.note("bind: " + conflicts + " creations were refused with 409 (valid refusals, not creations)");
        }
        if (portal.recorder().failureCount() > conflicts) {
            report.note("bind: " + (portal.recorder().failureCount() - conflicts)
                    + " creations failed otherwise (see the errors column)");
        }
    }

    // ---- ingest ------------------------------------------------------------------------------------------------

    private void ingest(Database db) throws Exception {
        List<LoadResult> portal = new ArrayList<>();
        try (KeepAliveHttp http = KeepAliveHttp.of(BASE)) {
            Workload ingest = new IngestWorkload(http, data, run);
            for (int senders : INGEST_CONCURRENCY) {
                portal.add(closed("ingest", senders, ingest));
                http.close();
            }
        }
        List<LoadResult> jdbc = new ArrayList<>();
        try {
            if (db == null) {
                throw new IllegalStateException("no database connection");
            }
            List<Long> tenantIds = JdbcBaselines.tenantIds(db);
            JdbcBaselines.createCallTable(db);
            try {
                for (int senders : INGEST_CONCURRENCY) {
                    jdbc.add(closed("ingest JDBC", senders, JdbcBaselines.ingest(db, data, tenantIds, run)));
                    db.closeConnections();
                }
            } finally {
                db.closeConnections();
                JdbcBaselines.dropCallTable(db);
            }
        } catch (Exception e) {
            report.note("ingest: the JDBC baseline could not be measured: " + brief(e));
            jdbc.clear();
        }
        for (int i = 0; i < portal.size(); i++) {
            LoadResult r = portal.get(i);
            report.add(Measurement.of("ingest", "batches of 500, " + r.concurrency() + " senders: records",
                    r.unitRate(), "rec/s").p50p99(r.recorder().latencies()).target("≥ 50,000 rec/s")
                    .baseline(jdbc.isEmpty() ? Double.NaN : jdbc.get(i).unitRate(), "rows/s")
                    .errors(r.recorder().failures()));
        }
        for (LoadResult r : jdbc) {
            report.add(Measurement.of("ingest", "JDBC baseline: 500-row INSERT, " + r.concurrency() + " connections",
                    r.unitRate(), "rows/s").p50p99(r.recorder().latencies()).errors(r.recorder().failures()));
        }
        LoadResult bestPortal = best(portal, Comparator.comparingDouble(LoadResult::unitRate));
        ingestSaturation = bestPortal.unitRate();
        if (!jdbc.isEmpty()) {
            LoadResult bestJdbc = best(jdbc, Comparator.comparingDouble(LoadResult::unitRate));
            report.add(Measurement.of("ingest", "HEADLINE portal best ÷ JDBC best", bestPortal.unitRate(), "rec/s")
                    .baseline(bestJdbc.unitRate(), "rows/s"));
        }
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------

    /**
     * Ingest's saturation (measured here first when ingest was not in the run), then one phase per --webhook-event
     * type: every tenant gets an endpoint on that type pointing at a receiver in this process; ingestion runs in an
     * open loop at 50 % of the saturation for --seconds, with no warm-up (every accepted record is a record expected),
     * and the receiver gets up to 60 s more for the outbox to drain.
     */
    private void webhooks(Database db) throws Exception {
        if (Double.isNaN(ingestSaturation)) {
            System.out.println("  ingest saturation not measured in this run: measuring it first (no endpoints yet)");
            List<LoadResult> closed = new ArrayList<>();
            try (KeepAliveHttp http = KeepAliveHttp.of(BASE)) {
                Workload ingest = new IngestWorkload(http, data, run + "s");
                for (int senders : INGEST_CONCURRENCY) {
                    closed.add(closed("ingest", senders, ingest));
                    http.close();
                }
            }
            ingestSaturation = best(closed, Comparator.comparingDouble(LoadResult::unitRate)).unitRate();
        }
        for (int i = 0; i < options.webhookEvents().size(); i++) {
            webhookPhase(db, options.webhookEvents().get(i), run + "w" + i);
        }
        report.note("webhooks: lag is measured per call record, from the payload's timestamp (set in the ingesting"
                + " transaction just before its commit) to the record's first arrival (same machine, same clock)");
    }

    private void webhookPhase(Database db, String event, String phase) throws Exception {
        double records = Math.max(IngestWorkload.BATCH, Math.floor(ingestSaturation * 0.5));
        double batches = records / IngestWorkload.BATCH;
        Portal api = Portal.anonymous(BASE);
        List<long[]> endpoints = new ArrayList<>();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            int stale = 0;
            for (int t = 1; t <= DataContract.TENANTS; t++) {
                stale += WebhookSetup.disableAll(api, t);
                endpoints.add(new long[] {t, WebhookSetup.create(api, receiver, t, run, event)});
            }
            System.out.printf(Locale.ROOT, "  %d endpoints on %s -> %s (%d left by earlier runs disabled)%n",
                    endpoints.size(), event, receiver.url(0).replaceAll("/0$", "/<tenant>"), stale);
            System.out.printf(Locale.ROOT, "  ingest: open loop at %,.0f rec/s (50 %% of %,.0f), %d s, then up to %d s"
                    + " for the outbox to drain%n", batches * IngestWorkload.BATCH, ingestSaturation, options.seconds(),
                    WEBHOOK_DRAIN_SECONDS);
            java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
            long start = System.currentTimeMillis();
            LoadResult ingest;
            try (KeepAliveHttp http = KeepAliveHttp.of(BASE)) {
                Workload batch = new IngestWorkload(http, data, phase);
                ingest = OpenLoop.run("ingest", batches, WEBHOOK_SENDERS, 0, options.seconds(), seq -> {
                    Workload.Result r = batch.call(seq);
                    accepted.addAndGet(r.units());
                    return r;
                });
            }
            summary(ingest);
            long ingestEnd = System.currentTimeMillis();
            long expected = accepted.get();
            long deadline = ingestEnd + WEBHOOK_DRAIN_SECONDS * 1000L;
            while (receiver.records() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            long drained = System.currentTimeMillis();
            outbox(db, endpoints);
            for (long[] e : endpoints) {
                WebhookSetup.disable(api, (int) e[0], e[1]);
            }
            long received = receiver.records();
            long messages = receiver.distinct();
            double seconds = Math.max(1, receiver.lastArrivalMillis() - start) / 1000.0;
            double pushed = received / seconds;
            LatencyRecorder.Latencies lag = receiver.lag().latencies();
            long lost = Math.max(0, expected - received);
            System.out.printf(Locale.ROOT, "    %,d of %,d records received (%,d lost) in %,d messages (%,d repeated,"
                    + " %,d records repeated) in %.1f s from the start: %,.0f rec/s, %,.0f msg/s; drained %.1f s after"
                    + " ingestion ended%n", received, expected, lost, messages, receiver.duplicates(),
                    receiver.recordDuplicates(), seconds, pushed, messages / seconds, (drained - ingestEnd) / 1000.0);
            System.out.printf(Locale.ROOT, "    lag commit -> arrival per record p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms; signatures checked %,d, bad %,d%n", lag.p50(), lag.p95(), lag.p99(), lag.max(),
                    receiver.checked(), receiver.badSignatures());
            Map<String, Long> problems = new LinkedHashMap<>();
            problems.put("records lost (not received within the wait)", lost);
            problems.put("messages repeated", receiver.duplicates());
            problems.put("records repeated", receiver.recordDuplicates());
            problems.put("bad signatures", receiver.badSignatures());
            problems.put("no timestamp or record id", receiver.malformed());
            problems.values().removeIf(v -> v == 0);
            String at = String.format(Locale.ROOT, "at 50 %% of ingest saturation (%,.0f rec/s scheduled)", records);
            report.add(Measurement.of("webhooks", event + " pushed to a local receiver " + at
                    + ": records/s (distinct record ids received ÷ time from start to last arrival); lag commit →"
                    + " arrival per record", pushed, "rec/s").latencies(lag).target("p99 lag ≤ 5 s").errors(problems));
            report.add(Measurement.of("webhooks", String.format(Locale.ROOT, "%s: records received (distinct record id)"
                    + " ÷ expected (records accepted), %d endpoints, %d s + up to %d s drain", event, endpoints.size(),
                    options.seconds(), WEBHOOK_DRAIN_SECONDS), received, "recs").baseline(expected, "recs"));
            report.add(Measurement.of("webhooks", event + ": messages delivered (distinct webhook-id) per second",
                    messages / seconds, "msg/s"));
            report.add(Measurement.of("webhooks", event + ": lag max (event timestamp → arrival)", lag.max(), "ms"));
            report.add(Measurement.of("webhooks", String.format(Locale.ROOT, "%s: signatures checked (1 message in %d),"
                    + " bad %d", event, WebhookReceiver.SIGNATURE_SAMPLE, receiver.badSignatures()), receiver.checked(),
                    "msgs"));
            report.add(Measurement.of("webhooks", event + ": ingest during the phase, records accepted",
                    ingest.unitRate(), "rec/s").p50p99(ingest.recorder().latencies()).errors(ingest.recorder().failures()));
            if (lost > 0) {
                report.note(String.format(Locale.ROOT, "webhooks %s: %,d of %,d records were not received within %d s"
                        + " of the end of ingestion (the outbox did not drain in time)", event, lost, expected,
                        WEBHOOK_DRAIN_SECONDS));
            }
            if (receiver.badSignatures() > 0) {
                report.note("webhooks " + event + ": " + receiver.badSignatures() + " messages had no valid signature");
            }
        }
    }

    /**
     * What the outbox says of this run's messages once the wait is over, before the endpoints are disabled: how many
     * are in each status, and the portal's own HTTP send time for those delivered (the rest of a message's cost is
     * the claim and the recording of its attempt).
     */
    private void outbox(Database db, List<long[]> endpoints) {
        if (db == null) {
            report.note("webhooks: no database connection, the outbox was not read");
            return;
        }
        String ids = endpoints.stream().map(e -> Long.toString(e[1])).collect(java.util.stream.Collectors.joining(","));
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            StringBuilder statuses = new StringBuilder();
            try (java.sql.ResultSet r = s.executeQuery("SELECT status, COUNT(*) FROM webhook_message WHERE endpoint_id IN ("
                    + ids + ") GROUP BY status ORDER BY status")) {
                while (r.next()) {
                    statuses.append(statuses.isEmpty() ? "" : ", ").append(r.getString(1)).append(' ')
                            .append(String.format(Locale.ROOT, "%,d", r.getLong(2)));
                }
            }
            try (java.sql.ResultSet r = s.executeQuery("SELECT AVG(last_duration_ms), MAX(last_duration_ms),"
                    + " TIMESTAMPDIFF(MICROSECOND, MIN(finished_at), MAX(finished_at)) / 1e6, COUNT(*)"
                    + " FROM webhook_message WHERE status = 'DELIVERED' AND endpoint_id IN (" + ids + ")")) {
                r.next();
                String line = String.format(Locale.ROOT, "outbox at the end of the wait: %s; delivered: HTTP send %.1f ms"
                        + " on average (max %d ms), %,d delivered over %.1f s", statuses, r.getDouble(1), r.getLong(2),
                        r.getLong(4), r.getDouble(3));
                System.out.println("    " + line);
                report.note("webhooks: " + line);
            }
        } catch (java.sql.SQLException e) {
            report.note("webhooks: the outbox could not be read: " + brief(e));
        } finally {
            db.closeConnections();
        }
    }

    // ---- pages -------------------------------------------------------------------------------------------------

    private void pages() throws Exception {
        Portal session = Portal.withCookies(BASE);
        String user = DataContract.adminUsername(1);
        session.logIn(user, DataContract.PASSWORD, "/calls");
        System.out.println("  signed in as " + user);
        List<String> notes = new ArrayList<>();
        for (LoadResult r : PageWorkloads.run(session, data, PAGE_SAMPLES, PAGE_THREADS, notes)) {
            summary(r);
            report.add(Measurement.of("pages", r.name() + " (" + r.recorder().successes() + " samples, "
                    + r.concurrency() + " threads)", r.rate(), "pages/s").p50p95(r.recorder().latencies())
                    .target("p95 ≤ 150 ms").errors(r.recorder().failures()));
        }
        notes.forEach(report::note);
    }

    // ---- export ------------------------------------------------------------------------------------------------

    private void export(PortalProcess portal) throws Exception {
        Portal session = Portal.withCookies(BASE);
        session.logIn(DataContract.OPERATOR, DataContract.PASSWORD, "/operator/calls");
        String maxHeap = "";
        var metrics = session.get("/actuator/prometheus", java.time.Duration.ofSeconds(10), "text/plain");
        if (metrics.statusCode() == 200) {
            long max = HeapSampler.sum(metrics.body(), "jvm_memory_max_bytes");
            maxHeap = max > 0 ? String.format(Locale.ROOT, ", JVM heap max %.0f MB", max / 1e6) : "";
        } else {
            report.note("export: GET /actuator/prometheus answered " + metrics.statusCode()
                    + " to the operator; the peak heap cannot be sampled");
        }
        Instant now = Instant.now();
        String path = ExportRun.path(now, EXPORT_DAYS);
        System.out.println("  GET " + path + " as operator (portal -Xmx" + portal.heap() + maxHeap + ")");
        ExportRun.Outcome outcome;
        long peak;
        try (HeapSampler heap = new HeapSampler(session)) {
            Thread.sleep(500);
            outcome = ExportRun.run(session, path);
            peak = heap.peak();
            if (heap.problem() != null) {
                report.note("export: heap sampling: " + heap.problem());
            }
        }
        if (outcome.status() != 200) {
            throw new IllegalStateException("the export answered HTTP " + outcome.status());
        }
        System.out.printf(Locale.ROOT, "    %,d rows in %.1f s (%,.0f rows/s), first byte after %.2f s, %,d bytes,"
                + " peak heap %s%n", outcome.rows(), outcome.seconds(), outcome.rowsPerSecond(),
                outcome.firstByteSeconds(), outcome.bytes(), peak < 0 ? "unknown" : String.format(Locale.ROOT,
                        "%.1f MB", peak / 1e6));
        report.add(Measurement.of("export", String.format(Locale.ROOT, "CSV, %,d rows (last %.0f days), -Xmx%s",
                outcome.rows(), EXPORT_DAYS, portal.heap()), outcome.rowsPerSecond(), "rows/s")
                .target("≥ 100,000 rows/s"));
        report.add(Measurement.of("export", "time to first byte", outcome.firstByteSeconds() * 1000, "ms"));
        report.add(Measurement.of("export", "server's peak heap in use (sampled every 200 ms" + maxHeap + ")",
                peak < 0 ? Double.NaN : peak / 1e6, "MB").target("< 256 MB"));
        exportBaseline(ExportRun.Range.last(now, EXPORT_DAYS), outcome);
        long wanted = Math.round(1_000_000 * options.scale());
        if (outcome.rows() < wanted * 0.8 || outcome.rows() > wanted * 1.2) {
            report.note(String.format(Locale.ROOT, "export: the last %.0f days held %,d rows, not about %,d",
                    EXPORT_DAYS, outcome.rows(), wanted));
        }
    }

    private void exportBaseline(ExportRun.Range range, ExportRun.Outcome portal) {
        System.out.println("  JDBC baseline: the export's keyset chunks and orderRef look-ups, one connection");
        try (Database db = Database.of(options.dataDir())) {
            ExportBaseline.Outcome jdbc = ExportBaseline.run(db, range.from(), range.to());
            System.out.printf(Locale.ROOT, "    %,d rows in %.1f s (%,.0f rows/s)%n", jdbc.rows(), jdbc.seconds(),
                    jdbc.rowsPerSecond());
            report.add(Measurement.of("export", String.format(Locale.ROOT, "JDBC baseline: the same chunks read, %,d rows",
                    jdbc.rows()), jdbc.rowsPerSecond(), "rows/s"));
            report.add(Measurement.of("export", "HEADLINE portal export ÷ JDBC read", portal.rowsPerSecond(), "rows/s")
                    .baseline(jdbc.rowsPerSecond(), "rows/s"));
        } catch (Exception e) {
            report.note("export: the JDBC baseline could not be measured: " + brief(e));
        }
    }

    // ---- output ------------------------------------------------------------------------------------------------

    private void finish() throws IOException {
        System.out.println();
        System.out.println("Portal benchmark, " + report.json().path("date").asText() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + memTotal());
        System.out.println("Data set loading: " + report.seedSummary());
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.println("The JDBC baseline runs the same database work from this process; ratio = portal ÷ baseline."
                + " The generator, the portal and MariaDB share this machine's cores.");
        for (String note : report.notes()) {
            System.out.println("NOTE: " + note);
        }
        for (Path file : report.write(options.resultsDir(), timestamp)) {
            System.out.println("Wrote " + file);
        }
    }

    /** An exception in one line: its class and the first line of its message. */
    static String brief(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().split("\\R", 2)[0];
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    static void deleteTree(Path root) throws IOException {
        if (!root.getFileName().toString().equals("data")) {
            throw new IllegalStateException("refusing to delete " + root);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
