package cn.np700.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The portal as a separate process: the packaged jar on its embedded database, seeding the benchmark's data set (or
 * finding it in the data directory), waited for until its readiness probe answers, stopped with SIGTERM.
 */
public final class PortalProcess implements AutoCloseable {

    public static final int HTTP_PORT = Integer.getInteger("bench.http-port", 18080);
    public static final int DB_PORT = Integer.getInteger("bench.db-port", 13306);
    static final Duration READY_TIMEOUT = Duration.ofHours(3);

    private final Process process;
    private final Path log;
    private final Thread hook;
    private final double secondsToReady;
    private final String heap;

    private PortalProcess(Process process, Path log, Thread hook, double secondsToReady, String heap) {
        this.process = process;
        this.log = log;
        this.hook = hook;
        this.secondsToReady = secondsToReady;
        this.heap = heap;
    }

    /** The command line that starts the portal. */
    static List<String> command(String java, Path portalJar, String heap, Path dataDir, String bufferPool,
            DataContract data, List<String> extra) {
        return command(java, List.of(), portalJar, heap, dataDir, bufferPool, data, extra);
    }

    /** The command line that starts the portal, with {@code jvmArgs} before {@code -jar} (after {@code -Xmx}). */
    static List<String> command(String java, List<String> jvmArgs, Path portalJar, String heap, Path dataDir,
            String bufferPool, DataContract data, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + heap);
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(portalJar.toAbsolutePath().toString());
        command.add("--server.port=" + HTTP_PORT);
        command.add("--portal.db.embedded.data-dir=" + dataDir.toAbsolutePath());
        command.add("--portal.db.embedded.base-dir=" + dataDir.toAbsolutePath().resolve("mariadb-base"));
        command.add("--portal.db.embedded.port=" + DB_PORT);
        command.add("--portal.db.embedded.buffer-pool=" + bufferPool);
        command.add("--portal.demo-data=true");
        command.add("--portal.calls.traffic.live-trickle=false");
        command.add("--portal.risk.sweep=PT24H");
        command.add("--portal.bench.seed=true");
        command.add("--portal.bench.tenants=" + DataContract.TENANTS);
        command.add("--portal.bench.blocks=" + data.blocks());
        command.add("--portal.bench.bindings=" + data.bindings());
        command.add("--portal.bench.call-records=" + data.callRecords());
        command.addAll(extra);
        return command;
    }

    /** The java executable running this generator, the portal's unless --portal-java names another. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The first line {@code java -version} prints, such as {@code openjdk version "17.0.15" 2025-04-15}. */
    static String version(String java) {
        try {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("?");
            process.waitFor(10, TimeUnit.SECONDS);
            return first;
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Starts the portal and waits until it is ready; on failure prints the log's tail and throws. */
    public static PortalProcess start(String java, List<String> extra, Path portalJar, String heap, Path dataDir,
            String bufferPool, DataContract data, Path resultsDir, String timestamp)
            throws IOException, InterruptedException {
        return start(java, List.of(), extra, portalJar, heap, dataDir, bufferPool, data, resultsDir, timestamp);
    }

    /** As above, with {@code jvmArgs} for the portal's JVM (GC logging, a flight recording...). */
    public static PortalProcess start(String java, List<String> jvmArgs, List<String> extra, Path portalJar,
            String heap, Path dataDir, String bufferPool, DataContract data, Path resultsDir, String timestamp)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(portalJar)) {
            throw new IllegalStateException("no portal jar at " + portalJar + " (build it: ./mvnw -DskipTests package)");
        }
        Files.createDirectories(dataDir);
        Files.createDirectories(resultsDir);
        Path log = resultsDir.resolve("portal-" + timestamp + "-xmx" + heap + ".log");
        List<String> command = command(java, jvmArgs, portalJar, heap, dataDir, bufferPool, data, extra);
        System.out.println("Starting the portal (-Xmx" + heap + "), log: " + log);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread hook = new Thread(() -> stop(process), "stop-portal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            waitUntilReady(process, log, started);
        } catch (RuntimeException | IOException | InterruptedException e) {
            stop(process);
            removeHook(hook);
            throw e;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Portal ready after %.1f s%n", seconds);
        return new PortalProcess(process, log, hook, seconds, heap);
    }

    private static void waitUntilReady(Process process, Path log, long started) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = started + READY_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + 10_000_000_000L;
        String lastProgress = null;
        while (true) {
            if (!process.isAlive()) {
                System.err.println("The portal exited with status " + process.exitValue() + " before it was ready. "
                        + "Last lines of " + log + ":");
                System.err.println(tail(log, 60));
                throw new IllegalStateException("the portal did not start; see " + log);
            }
            try {
                HttpResponse<Void> answer = client.send(ready, HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            long now = System.nanoTime();
            if (now > deadline) {
                System.err.println(tail(log, 60));
                throw new IllegalStateException("the portal was not ready within " + READY_TIMEOUT + "; see " + log);
            }
            if (now >= nextProgress) {
                nextProgress = now + 10_000_000_000L;
                String progress = lastLineContaining(log, "Bench data");
                long elapsed = (now - started) / 1_000_000_000L;
                if (progress != null && !progress.equals(lastProgress)) {
                    System.out.printf("  [%4d s] %s%n", elapsed, progress.strip());
                    lastProgress = progress;
                } else {
                    System.out.printf("  [%4d s] waiting for readiness%n", elapsed);
                }
            }
            Thread.sleep(1000);
        }
    }

    public double secondsToReady() {
        return secondsToReady;
    }

    public String heap() {
        return heap;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop(process);
        removeHook(hook);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }

    /** SIGTERM (Spring stops the embedded database), up to 60 s, then SIGKILL. */
    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        System.out.println("Stopping the portal (pid " + process.pid() + ")");
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("The portal did not stop within 60 s; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a (possibly large) log file. */
    static String tail(Path file, int lines) {
        List<String> all = tailLines(file, 256 * 1024);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static String lastLineContaining(Path file, String text) {
        List<String> lines = tailLines(file, 256 * 1024);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static List<String> tailLines(Path file, int bytes) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - bytes);
            byte[] buffer = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(buffer);
            List<String> lines = new ArrayList<>(List.of(new String(buffer, StandardCharsets.UTF_8).split("\\R")));
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0);
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }
}
