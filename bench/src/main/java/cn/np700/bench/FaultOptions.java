package cn.np700.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fault run's command line (fault/README.md). */
public record FaultOptions(Path portalJar, double scale, boolean fresh, int warmUpSeconds, int beforeSeconds, int outageSeconds,
        int settleSeconds, int maxRecoverySeconds, int routeRate, int bindRate, int ingestRate, String heap,
        String bufferPool, Path dir, String portalJava, List<String> portalArgs) {

    static final String USAGE = """
            Usage: java -cp portal-bench.jar cn.np700.bench.FaultRun --portal-jar target/portal-0.1.0-SNAPSHOT.jar [options]
              --scale F            data set size, as the benchmark's (1.0 = 1,000,000 bindings)   [0.001]
              --fresh              delete <dir>/data first, so the data set is loaded again
              --warm-up N          seconds of load first, not counted (cold JIT and pools)       [10]
              --before N           seconds of counted load before the database is killed         [15]
              --outage N           seconds the database stays down, under load                   [20]
              --settle N           after the restart: seconds of clean traffic (and readiness UP)
                                   before the load stops                                         [10]
              --max-recovery N     give up waiting for recovery this long after the restart      [180]
              --route-rate N       route requests a second (8 threads; 1 in 5 from a stranger: REJECT) [80]
              --bind-rate N        binding creations a second (4 threads, one tenant each)      [20]
              --ingest-rate N      call-record batches (100 records) a second (2 threads)       [2]
              --heap SIZE          the portal's -Xmx                                             [1g]
              --buffer-pool SIZE   the embedded MariaDB's InnoDB buffer pool                    [256M]
              --dir DIR            where data/ and results/ are                                  [fault]
              --portal-java PATH   the java that runs the portal                      [this one's own]
              --portal-arg ARG     one more argument for the portal (repeatable)
            Ports: -Dbench.http-port (18080) and -Dbench.db-port (13306); fault/run sets 18180 and 13406.
            """;

    public static FaultOptions parse(String... args) {
        Path portalJar = null;
        double scale = 0.001;
        boolean fresh = false;
        int warmUp = 10;
        int before = 15;
        int outage = 20;
        int settle = 10;
        int maxRecovery = 180;
        int routeRate = 80;
        int bindRate = 20;
        int ingestRate = 2;
        String heap = "1g";
        String bufferPool = "256M";
        Path dir = Path.of("fault");
        String portalJava = null;
        List<String> portalArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (!arg.equals("--fresh") && !arg.equals("--help") && !arg.equals("-h") && value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--portal-jar" -> portalJar = Path.of(value);
                case "--scale" -> scale = number(value, arg);
                case "--warm-up" -> warmUp = seconds(value, arg, 0);
                case "--before" -> before = seconds(value, arg, 1);
                case "--outage" -> outage = seconds(value, arg, 1);
                case "--settle" -> settle = seconds(value, arg, 1);
                case "--max-recovery" -> maxRecovery = seconds(value, arg, 10);
                case "--route-rate" -> routeRate = seconds(value, arg, 0);
                case "--bind-rate" -> bindRate = seconds(value, arg, 0);
                case "--ingest-rate" -> ingestRate = seconds(value, arg, 0);
                case "--heap" -> heap = size(value, arg);
                case "--buffer-pool" -> bufferPool = size(value, arg);
                case "--dir" -> dir = Path.of(value);
                case "--portal-java" -> portalJava = value;
                case "--portal-arg" -> portalArgs.add(value);
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (portalJar == null) {
            throw new IllegalArgumentException("--portal-jar is required");
        }
        if (!(scale > 0) || scale > 1) {
            throw new IllegalArgumentException("--scale must be above 0 and at most 1");
        }
        if (routeRate + bindRate + ingestRate == 0) {
            throw new IllegalArgumentException("some load is needed: all rates are 0");
        }
        return new FaultOptions(portalJar, scale, fresh, warmUp, before, outage, settle, maxRecovery, routeRate, bindRate,
                ingestRate, heap, bufferPool, dir,
                portalJava != null ? portalJava : PortalProcess.javaExecutable(), List.copyOf(portalArgs));
    }

    public Path dataDir() {
        return dir.resolve("data").toAbsolutePath();
    }

    public Path resultsDir() {
        return dir.resolve("results").toAbsolutePath();
    }

    private static double number(String value, String option) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got " + value);
        }
    }

    private static int seconds(String value, String option, int min) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got " + value);
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min);
        }
        return n;
    }

    private static String size(String value, String option) {
        if (!value.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException(option + " takes a size such as 1g or 256M, got " + value);
        }
        return value;
    }
}
