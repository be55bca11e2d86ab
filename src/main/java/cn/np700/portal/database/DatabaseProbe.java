package cn.np700.portal.database;

import cn.np700.portal.executors.ExecutorNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Asks the database once a second whether it answers, and keeps the last answer for readiness to read. It uses one
 * connection of its own, never one of the pools': a pool that one tenant's row locks have exhausted is busy, not a
 * dead database, and a borrow would wait for the pool's timeout besides. The connection gives up after
 * {@value #TIMEOUT_MS} ms to connect or to answer, so a dead or hung server shows within a probe or two, and a server
 * back again within a second.
 *
 * <p>A thread of its own (the {@value ExecutorNames#DATABASE_PROBING} pool's) rather than a scheduled job: the
 * scheduler's few threads run the purges and sweeps, and a long one there must not leave readiness telling an old
 * story.
 */
@Component
class DatabaseProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    static final int TIMEOUT_MS = 1_000;
    static final Duration EVERY = Duration.ofSeconds(1);

    private final DatabaseEndpoint endpoint;
    private final AsyncTaskExecutor probing;
    private volatile Reachability last;
    private volatile Loop loop;
    private Connection connection; // the probe thread's alone once started

    DatabaseProbe(DatabaseEndpoint endpoint, @Qualifier(ExecutorNames.DATABASE_PROBING) AsyncTaskExecutor probing) {
        this.endpoint = endpoint;
        this.probing = probing;
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
        Loop probingLoop = new Loop();
        probingLoop.task = probing.submit(probingLoop);
        loop = probingLoop;
    }

    @Override
    public void stop() {
        Loop probingLoop = loop;
        loop = null;
        if (probingLoop == null || probingLoop.end()) {
            close();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** Probes every {@link #EVERY} on the pool's thread until {@link #end()}. */
    private final class Loop implements Runnable {

        private final AtomicBoolean begun = new AtomicBoolean();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean ending;
        private Future<?> task;

        @Override
        public void run() {
            if (!begun.compareAndSet(false, true)) {
                return; // ended before it began
            }
            try {
                while (!ending) {
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
                ended.countDown();
            }
        }

        /** Ends the loop and answers whether it has ended (or never began), so that the connection is free to close. */
        boolean end() {
            ending = true;
            if (begun.compareAndSet(false, true)) {
                task.cancel(false);
                return true;
            }
            task.cancel(true);
            try {
                return ended.await(2L * TIMEOUT_MS + 500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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
        properties.putAll(endpoint.driverSettings());
        // given here, these win over the same settings in the URL
        properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_MS));
        properties.setProperty("socketTimeout", Integer.toString(TIMEOUT_MS));
        Connection opened = endpoint.connect(properties);
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
