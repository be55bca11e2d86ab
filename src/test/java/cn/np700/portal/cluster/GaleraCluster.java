package cn.np700.portal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Three MariaDB Galera nodes on loopback, from Debian's packages ({@code mariadb-server}, {@code galera-4},
 * {@code rsync}; {@code .ci/run} installs them): started once per test JVM by {@link #shared()}, stopped with the JVM.
 * The first node bootstraps the cluster, the other two join it and receive its data by rsync (state snapshot
 * transfer); each runs from its own data directory under {@code target/galera-cluster/} on ports found free. As root
 * the servers run as the {@code mysql} user: the rsync transfer refuses to run as root.
 */
public final class GaleraCluster {

    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    public static final String DATABASE = "portal";
    public static final String USER = "portal";
    private static final int SIZE = 3;
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private static GaleraCluster shared;

    private final Path dir;
    private final List<Node> nodes;
    private final String password;
    private int[] ports;
    private String members;

    /** One server of the cluster. */
    public record Node(int number, int port, int groupPort, int transferPort, int incrementalPort, Path dir, Process process) {

        /** A JDBC URL of the portal's database on this node alone, with the given driver settings ("a=b&c=d"). */
        public String jdbcUrl(String database, String settings) {
            return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true"
                    + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&characterEncoding=UTF-8"
                    + (settings.isEmpty() ? "" : "&" + settings);
        }

        Path data() {
            return dir.resolve("data");
        }
    }

    private GaleraCluster(Path dir, List<Node> nodes, String password) {
        this.dir = dir;
        this.nodes = nodes;
        this.password = password;
    }

    /** The cluster of this JVM, started at the first call. */
    public static synchronized GaleraCluster shared() {
        if (shared == null) {
            shared = start(Path.of("target", "galera-cluster").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "galera-cluster-stop"));
        }
        return shared;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * A multi-host JDBC URL of the database on the given nodes, in that order (the deployment guide's form: the portal
     * connects to the first of them that is synced).
     */
    public String jdbcUrl(String database, String settings, int... order) {
        String single = node(order[0]).jdbcUrl(database, settings);
        StringBuilder hosts = new StringBuilder();
        for (int number : order) {
            hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(node(number).port());
        }
        return single.replace("127.0.0.1:" + node(order[0]).port(), hosts);
    }

    /** Node 1, 2 or 3. */
    public Node node(int number) {
        return nodes.get(number - 1);
    }

    public String password() {
        return password;
    }

    /** A new database on the cluster, open to the portal's user (DDL replicates to every node). */
    public void createDatabase(String name) {
        rootStatement(node(1), "CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + grants(name));
    }

    private String grants(String database) {
        StringBuilder sql = new StringBuilder();
        // named hosts, as for the embedded database: an anonymous ''@'localhost' would shadow '%'
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            String account = "'" + USER + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("';")
                    .append("GRANT ALL ON `").append(database).append("`.* TO ").append(account).append(';');
        }
        return sql.toString();
    }

    static GaleraCluster start(Path dir) {
        for (Path needed : List.of(PROVIDER, MARIADBD, INSTALL_DB)) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException("The Galera cluster tests need " + needed
                        + ": apt-get install mariadb-server galera-4 rsync (see README, tests)");
            }
        }
        try {
            stopLeftovers(dir);
            deleteRecursively(dir);
            Files.createDirectories(dir);
            int[] ports = freePorts(SIZE * 4);
            String members = Stream.iterate(0, i -> i + 1).limit(SIZE)
                    .map(i -> "127.0.0.1:" + ports[i * 4 + 1]).collect(Collectors.joining(","));
            for (int i = 1; i <= SIZE; i++) {
                Files.createDirectories(dir.resolve("node" + i).resolve("data"));
                Files.createDirectories(dir.resolve("node" + i).resolve("tmp"));
            }
            if (asRoot()) {
                run(List.of("chown", "-R", "mysql:mysql", dir.toString()), dir.resolve("chown.log"));
            }
            Path first = dir.resolve("node1");
            run(asMysql(List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + first.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--innodb-log-file-size=16M")),
                    first.resolve("install.log"));

            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            List<Node> nodes = new ArrayList<>();
            GaleraCluster cluster = new GaleraCluster(dir, nodes, HexFormat.of().formatHex(bytes));
            cluster.ports = ports;
            cluster.members = members;
            try {
                // the first bootstraps, the others join and take its data by rsync
                nodes.add(launch(dir, 1, ports, members, true));
                cluster.awaitReady(nodes, 1);
                for (int i = 2; i <= SIZE; i++) {
                    nodes.add(launch(dir, i, ports, members, false));
                }
                cluster.awaitReady(nodes, SIZE);
                rootStatement(cluster.node(1), "CREATE DATABASE `" + DATABASE
                        + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" + cluster.grants(DATABASE));
            } catch (RuntimeException | Error e) {
                cluster.stop();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9} of node {@code number}: no shutdown, no flush, as a machine that loses power. */
    public synchronized void kill(int number) throws InterruptedException {
        Process process = node(number).process();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Galera node " + number + " still runs after SIGKILL");
        }
    }

    /**
     * Starts a killed node again as an operator's service manager would: {@code mariadbd --wsrep-recover} finds the
     * last transaction its data holds, the node starts from that position and the cluster sends it what it missed
     * (incremental state transfer). Returns at once; {@link #awaitSynced} waits for it.
     */
    public synchronized void restart(int number) throws IOException, InterruptedException {
        Node old = node(number);
        if (old.process().isAlive()) {
            throw new IllegalStateException("Galera node " + number + " still runs");
        }
        Path recoverLog = old.dir().resolve("recover.log");
        Files.deleteIfExists(recoverLog);
        List<String> recover = new ArrayList<>(serverCommand(dir, number, ports, members));
        recover.removeIf(option -> option.startsWith("--log-error="));
        recover.add("--log-error=" + recoverLog);
        recover.add("--wsrep-recover");
        Process recovering = new ProcessBuilder(asMysql(recover)).redirectErrorStream(true)
                .redirectOutput(old.dir().resolve("recover-console.log").toFile()).start();
        if (!recovering.waitFor(2, TimeUnit.MINUTES)) {
            recovering.destroyForcibly();
            throw new IllegalStateException("mariadbd --wsrep-recover of node " + number + " did not end");
        }
        Matcher position = Pattern.compile("WSREP: Recovered position: (\\S+)").matcher(Files.readString(recoverLog));
        String start = null;
        while (position.find()) {
            start = position.group(1);
        }
        nodes.set(number - 1, launch(dir, number, ports, members, false, start));
    }

    /** Waits until every node is ready, synced, in a cluster of all of them. */
    public void awaitSynced() {
        awaitReady(nodes, nodes.size());
    }

    private static Node launch(Path dir, int number, int[] ports, String members, boolean bootstrap) throws IOException {
        return launch(dir, number, ports, members, bootstrap, null);
    }

    private static Node launch(Path dir, int number, int[] ports, String members, boolean bootstrap, String startPosition)
            throws IOException {
        Path home = dir.resolve("node" + number);
        List<String> command = new ArrayList<>(serverCommand(dir, number, ports, members));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        if (startPosition != null) {
            command.add("--wsrep-start-position=" + startPosition);
        }
        ProcessBuilder builder = new ProcessBuilder(asMysql(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        // the state transfer scripts run as the server's user, which cannot read root's home
        builder.environment().put("HOME", home.toString());
        int port = ports[(number - 1) * 4];
        return new Node(number, port, ports[(number - 1) * 4 + 1], ports[(number - 1) * 4 + 2], ports[(number - 1) * 4 + 3],
                home, builder.start());
    }

    private static List<String> serverCommand(Path dir, int number, int[] ports, String members) throws IOException {
        Path home = dir.resolve("node" + number);
        int port = ports[(number - 1) * 4];
        int group = ports[(number - 1) * 4 + 1];
        int transfer = ports[(number - 1) * 4 + 2];
        int incremental = ports[(number - 1) * 4 + 3];
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults",
                "--datadir=" + home.resolve("data"), "--tmpdir=" + home.resolve("tmp"),
                "--socket=" + socket(home), "--pid-file=" + home.resolve("mariadbd.pid"),
                "--log-error=" + home.resolve("error.log"),
                "--port=" + port, "--bind-address=127.0.0.1", "--skip-ssl",
                // the embedded database's settings (EmbeddedMariaDb), smaller buffers
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--max-allowed-packet=64M",
                "--max-connections=300", "--max-prepared-stmt-count=200000", "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=2",
                // what Galera requires
                "--binlog-format=ROW", "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2",
                "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-name=portal-test",
                "--wsrep-cluster-address=gcomm://" + members, "--wsrep-node-name=node" + number,
                "--wsrep-node-address=127.0.0.1:" + group, "--wsrep-node-incoming-address=127.0.0.1:" + port,
                "--wsrep-provider-options=base_host=127.0.0.1;base_port=" + group + ";ist.recv_addr=127.0.0.1:"
                        + incremental + ";gcache.size=32M",
                "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + transfer));
        return command;
    }

    /** Waits until the first {@code count} nodes report wsrep_ready=ON, state Synced and a cluster of {@code count}. */
    private void awaitReady(List<Node> started, int count) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        for (Node node : started) {
            try {
                Awaitility.await().atMost(Duration.between(Instant.now(), deadline)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            if (!node.process().isAlive()) {
                                throw new IllegalStateException("Galera node " + node.number() + " exited ("
                                        + node.process().exitValue() + "):\n" + tail(node.dir().resolve("error.log"))
                                        + tail(node.dir().resolve("console.log")));
                            }
                            return state(node).equals("ON Synced " + count);
                        });
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("Galera node " + node.number() + " not ready in " + READY_WITHIN
                        + " (" + state(node) + "):\n" + tail(node.dir().resolve("error.log")), e);
            }
        }
    }

    /** "wsrep_ready wsrep_local_state_comment wsrep_cluster_size", or why it could not be read. */
    static String state(Node node) {
        try (Connection c = root(node); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size')")) {
            String ready = "?";
            String comment = "?";
            String size = "?";
            while (rs.next()) {
                switch (rs.getString(1).toLowerCase()) {
                    case "wsrep_ready" -> ready = rs.getString(2);
                    case "wsrep_local_state_comment" -> comment = rs.getString(2);
                    default -> size = rs.getString(2);
                }
            }
            return ready + " " + comment + " " + size;
        } catch (SQLException e) {
            return "not answering: " + e.getMessage();
        }
    }

    /** The install's root account, password-less, reached over TCP from loopback. */
    static Connection root(Node node) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + node.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=1000&allowMultiQueries=true", "root", "");
    }

    static void rootStatement(Node node, String sql) {
        try (Connection c = root(node); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on Galera node " + node.number() + ": " + e.getMessage(), e);
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL after 30 s) and deletes their data; the logs stay. */
    public synchronized void stop() {
        for (Node node : nodes) {
            node.process().destroy();
        }
        for (Node node : nodes) {
            try {
                if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
                    node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.process().destroyForcibly();
            }
        }
        nodes.clear();
        try (Stream<Path> homes = Files.list(dir)) {
            for (Path home : homes.filter(Files::isDirectory).toList()) {
                deleteRecursively(home.resolve("data"));
            }
        } catch (IOException e) {
            // a failed clean-up must not hide a test's failure; the next start wipes the folder anyway
        }
    }

    /** A JVM killed outright leaves its servers running: those whose data directory is here are stopped. */
    private static void stopLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> homes = Files.list(dir)) {
            for (Path pidFile : homes.map(home -> home.resolve("mariadbd.pid")).filter(Files::exists).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                String dataDir = pidFile.resolveSibling("data").toString();
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().map(line -> line.contains(dataDir)).orElse(false))
                        .ifPresent(p -> {
                            p.destroy();
                            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
                        });
            }
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root: the command as the mysql user, in the same process (setpriv execs, so stopping it stops the server). */
    private static List<String> asMysql(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=mysql", "--regid=mysql", "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Unix sockets take paths of at most 107 bytes; a deep checkout gets one under the temp directory. */
    private static Path socket(Path home) throws IOException {
        Path socket = home.resolve("mariadbd.sock");
        if (socket.toString().length() < 100) {
            return socket;
        }
        Path tmp = Files.createTempDirectory("galera-");
        if (asRoot()) {
            run(List.of("chown", "mysql:mysql", tmp.toString()), home.resolve("chown.log"));
        }
        return tmp.resolve("mariadbd.sock");
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ports free now: all held open together so that none is handed out twice, then released for the servers. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no " + log.getFileName() + ")\n";
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
