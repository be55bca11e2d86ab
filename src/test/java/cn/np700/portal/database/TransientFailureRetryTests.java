package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.support.PortalIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retry policy against the real MariaDB: a real deadlock (the rival transaction, heavier, is never InnoDB's
 * victim) and a real lock wait timeout are retried until the work succeeds; a duplicate key, a failure inside a
 * transaction already running and a failure with the request's time budget spent are not.
 */
@PortalIntegrationTest
class TransientFailureRetryTests {

    private static final String TABLE = "retry_scratch";

    @Autowired
    TransientFailureRetry retry;
    @Autowired
    ScratchTransactions annotated;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final ExecutorService rivals = Executors.newSingleThreadExecutor();
    private final AtomicInteger attempts = new AtomicInteger();
    private TransactionTemplate tx;

    @BeforeEach
    void scratchTable() {
        jdbc.sql("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB").update();
        jdbc.sql("INSERT INTO " + TABLE + " (id, v) VALUES (1, 0), (2, 0), (3, 0)").update();
        tx = new TransactionTemplate(transactions);
    }

    @AfterEach
    void dropIt() {
        rivals.shutdownNow();
        jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
    }

    /** A second connection's transaction: it writes more rows than the work does, so InnoDB never picks it as victim. */
    private final class Rival implements AutoCloseable {

        private final Connection connection;

        Rival() throws SQLException {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            for (int id = 100; id < 120; id++) {
                execute("INSERT INTO " + TABLE + " (id, v) VALUES (" + id + ", 0)");
            }
        }

        void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }

        /** Takes the row's lock in the background, then commits: it waits while the work holds the row. */
        Future<Void> takeThenCommit(int id) {
            return rivals.submit(() -> {
                execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id = " + id);
                connection.commit();
                return null;
            });
        }

        void commit() {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }

    private void add(int id) {
        jdbc.sql("UPDATE " + TABLE + " SET v = v + 1 WHERE id = ?").param(id).update();
    }

    private int v(int id) {
        return jdbc.sql("SELECT v FROM " + TABLE + " WHERE id = ?").param(id).query(Integer.class).single();
    }

    /**
     * Row 1 then row 2. On its first run the rival holds row 2 and goes for row 1 in between: a deadlock whose
     * victim is this transaction. Later runs find both rows free once the rival committed.
     */
    private Supplier<Integer> deadlockedOnce(Rival rival, Future<?>[] rivalDone) {
        return () -> {
            int attempt = attempts.incrementAndGet();
            add(1);
            if (attempt == 1) {
                rivalDone[0] = rival.takeThenCommit(1);
            }
            add(2);
            return attempt;
        };
    }

    private double count(String kind, String outcome) {
        return Search.in(meters).name(TransientFailureRetry.METER).tag("kind", kind).tag("outcome", outcome).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aRealDeadlockIsRetriedAsAWholeTransactionUntilItCommits() throws Exception {
        double retried = count("deadlock", "retried");
        double recovered = count("deadlock", "recovered");
        Future<?>[] rivalDone = new Future<?>[1];
        try (Rival rival = new Rival()) {
            rival.execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 2");

            int succeededOn = retry.inTransaction(tx, status -> deadlockedOnce(rival, rivalDone).get());

            rivalDone[0].get(5, TimeUnit.SECONDS);
            assertThat(succeededOn).isEqualTo(2);
        }
        // the victim's first run left nothing behind: each row counts the rival once and the work once
        assertThat(v(1)).isEqualTo(2);
        assertThat(v(2)).isEqualTo(2);
        assertThat(count("deadlock", "retried") - retried).isEqualTo(1);
        assertThat(count("deadlock", "recovered") - recovered).isEqualTo(1);
    }

    @Test
    void aTransactionalMethodMarkedForRetryRunsAgainInANewTransaction() throws Exception {
        Future<?>[] rivalDone = new Future<?>[1];
        try (Rival rival = new Rival()) {
            rival.execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 2");

            List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
            Supplier<Integer> work = deadlockedOnce(rival, rivalDone);

            int succeededOn = annotated.run(() -> {
                inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
                return work.get();
            });

            rivalDone[0].get(5, TimeUnit.SECONDS);
            assertThat(succeededOn).isEqualTo(2);
            assertThat(inTransaction).as("each attempt in a transaction of its own").containsExactly(true, true);
        }
        assertThat(v(1)).isEqualTo(2);
        assertThat(v(2)).isEqualTo(2);
    }

    @Test
    void aRealLockWaitTimeoutIsRetried() throws Exception {
        double retried = count("lock_wait_timeout", "retried");
        try (Rival rival = new Rival()) {
            rival.execute("SELECT v FROM " + TABLE + " WHERE id = 3 FOR UPDATE");

            int succeededOn = retry.inTransaction(tx, status -> {
                int attempt = attempts.incrementAndGet();
                if (attempt == 2) {
                    rival.commit();
                }
                add(3);
                return attempt;
            });

            assertThat(succeededOn).isEqualTo(2);
        }
        assertThat(v(3)).isEqualTo(1);
        assertThat(count("lock_wait_timeout", "retried") - retried).isEqualTo(1);
    }

    @Test
    void afterALockWaitTimeoutNoAttemptStartsThatTheBudgetCannotWaitFor() throws Exception {
        double outOfTime = count("lock_wait_timeout", "out_of_time");
        try (Rival rival = new Rival(); TimeBudget budget = TimeBudget.start(Duration.ofSeconds(3))) {
            rival.execute("SELECT v FROM " + TABLE + " WHERE id = 3 FOR UPDATE");

            // the session's lock wait is 2 s: after the first, about 1 s is left, too little for a second
            assertThatThrownBy(() -> retry.inTransactionWithoutResult(tx, status -> {
                attempts.incrementAndGet();
                add(3);
            })).satisfies(e -> assertThat(TransientFailure.of(e)).contains(TransientFailure.LOCK_WAIT_TIMEOUT));
        }
        assertThat(attempts).hasValue(1);
        assertThat(count("lock_wait_timeout", "out_of_time") - outOfTime).isEqualTo(1);
        assertThat(v(3)).isZero();
    }

    @Test
    void afterALockWaitTimeoutTheNextAttemptNeedsALockWaitAndAHalfLeft() throws Exception {
        try (Rival rival = new Rival(); TimeBudget budget = TimeBudget.start(Duration.ofMillis(4_500))) {
            rival.execute("SELECT v FROM " + TABLE + " WHERE id = 3 FOR UPDATE");

            // about 2.5 s are left after the first 2 s wait: a whole lock wait, but not the half more an attempt needs
            assertThatThrownBy(() -> retry.inTransactionWithoutResult(tx, status -> {
                attempts.incrementAndGet();
                add(3);
            })).satisfies(e -> assertThat(TransientFailure.of(e)).contains(TransientFailure.LOCK_WAIT_TIMEOUT));
        }
        assertThat(attempts).hasValue(1);
        assertThat(v(3)).isZero();
    }

    @Test
    void aDeadlockWithTheBudgetSpentIsNotRetried() throws Exception {
        double outOfTime = count("deadlock", "out_of_time");
        Future<?>[] rivalDone = new Future<?>[1];
        try (Rival rival = new Rival(); TimeBudget budget = TimeBudget.start(Duration.ofMillis(1))) {
            rival.execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 2");

            assertThatThrownBy(() -> retry.inTransaction(tx, status -> deadlockedOnce(rival, rivalDone).get()))
                    .satisfies(e -> assertThat(TransientFailure.of(e)).contains(TransientFailure.DEADLOCK));

            rivalDone[0].get(5, TimeUnit.SECONDS);
        }
        assertThat(attempts).hasValue(1);
        assertThat(count("deadlock", "out_of_time") - outOfTime).isEqualTo(1);
        assertThat(v(1)).isEqualTo(1);
    }

    @Test
    void aDeadlockInsideATransactionAlreadyRunningIsNotRetried() throws Exception {
        Future<?>[] rivalDone = new Future<?>[1];
        try (Rival rival = new Rival()) {
            rival.execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 2");

            assertThatThrownBy(() -> tx.execute(outer -> retry.inTransaction(tx, status -> deadlockedOnce(rival, rivalDone)
                    .get()))).satisfies(e -> assertThat(TransientFailure.of(e)).contains(TransientFailure.DEADLOCK));

            rivalDone[0].get(5, TimeUnit.SECONDS);
        }
        assertThat(attempts).hasValue(1);
        assertThat(v(1)).isEqualTo(1);
        assertThat(v(2)).isEqualTo(1);
    }

    @Test
    void aDuplicateKeyIsNotRetried() {
        assertThatThrownBy(() -> retry.inTransactionWithoutResult(tx, status -> {
            attempts.incrementAndGet();
            jdbc.sql("INSERT INTO " + TABLE + " (id, v) VALUES (1, 0)").update();
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aDuplicateKeyInAMarkedMethodIsNotRetriedEither() {
        assertThatThrownBy(() -> annotated.run(() -> {
            attempts.incrementAndGet();
            return jdbc.sql("INSERT INTO " + TABLE + " (id, v) VALUES (1, 0)").update();
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(attempts).hasValue(1);
    }
}
