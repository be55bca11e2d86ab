package cn.np700.portal.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asks the database once a second whether it answers, and keeps the last answer for readiness to read. It uses one
 * connection of its own, never one of the pools': a pool that one tenant's row locks have exhausted is busy, not a
 * dead database, and a borrow would wait for the pool's timeout besides. The connection gives up after
 * {@value #TIMEOUT_MS} ms to connect or to answer, so a dead or hung server shows within a probe or two, and a server
 * back again within a second.
 *
 * <p>A thread of its own rather than a scheduled job: the scheduler runs every job on one thread, and a long purge or
 * sweep there must not leave readiness telling an old story.
 */
@Component
class DatabaseProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    static final int TIMEOUT_MS = 1_000;
    static final Duration EVERY = Duration.ofSeconds(1);

    private final DatabaseEndpoint endpoint;
    private volatile Reachability last;
    private volatile Thread thread;
    private Connection connection; // the probe thread's alone once started

    DatabaseProbe(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The outcome of one probe; {@code failure} is empty when the database answered. */
    record Reachability(boolean reachable, Instant at, long nanoTime, long tookMillis, String failure) {

        Duration age() {
            return Duration.ofNanos(System.nanoTime() - nanoTime);
        }
    }

    /** The latest probe's outcome; never null once started. */
    Reachability last() {
        return last;
    }

    @Override
    public void start() {
        last = probe(); // a first answer before anyone asks
        Thread probing = new Thread(this::run, "database-probe");
        probing.setDaemon(true);
        thread = probing;
        probing.start();
    }

    @Override
    public void stop() {
        Thread probing = thread;
        thread = null;
        if (probing != null) {
            probing.interrupt();
            try {
                probing.join(2L * TIMEOUT_MS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (probing == null || !probing.isAlive()) {
            close();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try {
            while (thread == Thread.currentThread()) {
                try {
                    Thread.sleep(EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                Reachability previous = last;
                Reachability now = probe();
                last = now;
                if (previous.reachable() && !now.reachable()) {
                    log.warn("The database does not answer: {}; readiness says DOWN until it does", now.failure());
                } else if (!previous.reachable() && now.reachable()) {
                    log.info("The database answers again; readiness says UP");
                }
            }
        } finally {
            close();
        }
    }

    /** One question on the probe's own connection, opened afresh when the kept one fails: a stale one proves nothing. */
    Reachability probe() {
        long start = System.nanoTime();
        if (connection != null) {
            try {
                ask(connection);
                return outcome(start, null);
            } catch (SQLException | RuntimeException stale) {
                close();
            }
        }
        try {
            connection = connect();
            ask(connection);
            return outcome(start, null);
        } catch (SQLException | RuntimeException e) {
            close();
            return outcome(start, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (endpoint.username() != null) {
            properties.setProperty("user", endpoint.username());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        // given here, these win over the same settings in the URL
        properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_MS));
        properties.setProperty("socketTimeout", Integer.toString(TIMEOUT_MS));
        Connection opened = DriverManager.getConnection(endpoint.url(), properties);
        try {
            opened.setNetworkTimeout(Runnable::run, TIMEOUT_MS);
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private static void ask(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    private static Reachability outcome(long start, String failure) {
        long end = System.nanoTime();
        return new Reachability(failure == null, Instant.now(), end, Duration.ofNanos(end - start).toMillis(), failure);
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is being thrown away
            }
            connection = null;
        }
    }
}
