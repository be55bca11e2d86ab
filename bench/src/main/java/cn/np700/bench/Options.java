package cn.np700.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command line. */
public record Options(Path portalJar, double scale, boolean fresh, Set<String> only, int seconds, int warmUpSeconds,
        String heap, String bufferPool, Path benchDir, String portalJava, List<String> portalArgs,
        List<String> webhookEvents, List<String> portalJvmArgs) {

    public static final List<String> WORKLOADS = List.of("route", "floor", "bind", "ingest", "webhooks", "pages", "export");
    /** The event types the webhooks workload can subscribe its endpoints to; the first is the default. */
    public static final List<String> WEBHOOK_EVENTS = List.of("call.records.stored", "call.record.stored");

    static final String USAGE = """
            Usage: java -jar portal-bench.jar --portal-jar target/portal-0.1.0-SNAPSHOT.jar [options]
              --scale F          data set size: 1.0 = 20 tenants, 2,000 blocks, 1,000,000 bindings,
                                 10,000,000 call records (tenants stay 20)            [1.0]
              --fresh            delete bench/data first, so the data set is loaded again
              --only LIST        some of route,floor,bind,ingest,webhooks,pages,export [all]
              --seconds N        each measured phase, after a warm-up                 [20]
              --warm-up N        seconds of load before each measured phase, not counted [5]
              --heap SIZE        the portal's -Xmx (the export phase always runs with 256m) [2g]
              --buffer-pool SIZE the embedded MariaDB's InnoDB buffer pool            [6G]
              --bench-dir DIR    where data/ and results/ are                        [bench]
              --portal-java PATH the java that runs the portal             [this generator's own]
              --portal-arg ARG   one more argument for the portal, such as --server.tomcat.threads.max=50
                                 (repeatable; for trying a setting without a rebuild)
              --webhook-event LIST the webhooks workload's event type(s), one phase each, in
                                 order: call.records.stored (a message per batch),
                                 call.record.stored (a message per record) [call.records.stored]
              --portal-jvm-arg ARG one more argument for the portal's JVM, before -jar, such as -Xlog:gc:file=gc.log
                                 or -XX:StartFlightRecording=filename=route.jfr (repeatable)
            Ports: -Dbench.http-port (18080) and -Dbench.db-port (13306), for a second run beside one.
            """;

    public static Options parse(String... args) {
        Path portalJar = null;
        double scale = 1.0;
        boolean fresh = false;
        Set<String> only = new LinkedHashSet<>(WORKLOADS);
        int seconds = 20;
        int warmUp = 5;
        String heap = "2g";
        String bufferPool = "6G";
        Path benchDir = Path.of("bench");
        String portalJava = null;
        List<String> portalArgs = new ArrayList<>();
        List<String> webhookEvents = List.of(WEBHOOK_EVENTS.get(0));
        List<String> portalJvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--portal-jar" -> portalJar = Path.of(value != null ? value : next(args, ++i, arg));
                case "--scale" -> scale = number(value != null ? value : next(args, ++i, arg), arg);
                case "--seconds" -> seconds = (int) number(value != null ? value : next(args, ++i, arg), arg);
                case "--warm-up" -> warmUp = (int) number(value != null ? value : next(args, ++i, arg), arg);
                case "--heap" -> heap = size(value != null ? value : next(args, ++i, arg), arg);
                case "--buffer-pool" -> bufferPool = size(value != null ? value : next(args, ++i, arg), arg);
                case "--bench-dir" -> benchDir = Path.of(value != null ? value : next(args, ++i, arg));
                case "--portal-java" -> portalJava = value != null ? value : next(args, ++i, arg);
                case "--portal-arg" -> portalArgs.add(value != null ? value : next(args, ++i, arg));
                case "--portal-jvm-arg" -> portalJvmArgs.add(value != null ? value : next(args, ++i, arg));
                case "--only" -> only = workloads(value != null ? value : next(args, ++i, arg));
                case "--webhook-event" -> webhookEvents = webhookEvents(value != null ? value : next(args, ++i, arg));
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (portalJar == null) {
            throw new IllegalArgumentException("--portal-jar is required");
        }
        if (!(scale > 0) || scale > 100) {
            throw new IllegalArgumentException("--scale must be above 0 (and at most 100)");
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("--seconds must be at least 1");
        }
        if (warmUp < 0) {
            throw new IllegalArgumentException("--warm-up must be 0 or more");
        }
        return new Options(portalJar, scale, fresh, only, seconds, warmUp, heap, bufferPool, benchDir,
                portalJava != null ? portalJava : PortalProcess.javaExecutable(), List.copyOf(portalArgs),
                webhookEvents, List.copyOf(portalJvmArgs));
    }

    public boolean runs(String workload) {
        return only.contains(workload);
    }

    public Path dataDir() {
        return benchDir.resolve("data").toAbsolutePath();
    }

    public Path resultsDir() {
        return benchDir.resolve("results").toAbsolutePath();
    }

    static Set<String> workloads(String list) {
        Set<String> result = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : list.split(",")) {
            String w = name.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            if (WORKLOADS.contains(w)) {
                result.add(w);
            } else {
                unknown.add(w);
            }
        }
        if (!unknown.isEmpty() || result.isEmpty()) {
            throw new IllegalArgumentException("--only takes some of " + String.join(",", WORKLOADS) + "; got " + list);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String w : WORKLOADS) {
            if (result.contains(w)) {
                ordered.add(w);
            }
        }
        return ordered;
    }

    static List<String> webhookEvents(String list) {
        List<String> result = new ArrayList<>();
        for (String name : list.split(",")) {
            String event = name.trim();
            if (!WEBHOOK_EVENTS.contains(event) || result.contains(event)) {
                throw new IllegalArgumentException("--webhook-event takes " + String.join(" or ", WEBHOOK_EVENTS)
                        + " (or both, comma-separated); got " + list);
            }
            result.add(event);
        }
        return List.copyOf(result);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String value, String option) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got " + value);
        }
    }

    private static String size(String value, String option) {
        if (!value.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException(option + " takes a size such as 2g or 512m, got " + value);
        }
        return value;
    }
}
