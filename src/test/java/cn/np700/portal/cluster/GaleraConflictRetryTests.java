package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.database.GaleraDriverSettings;
import cn.np700.portal.database.RetryPolicies;
import cn.np700.portal.database.TransientFailureRetry;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Galera's certification failures go through the portal's one retry policy ({@link TransientFailureRetry}): writers
 * on two nodes raise the same row's counter at once, each inside a savepoint (as a nested step does) and beside a row
 * of its own, through the transaction manager Spring Boot gives the portal. Whatever a lost certification arrives as
 * (1213 at a statement, at RELEASE SAVEPOINT or at COMMIT, wrapped by Spring as it is), the policy runs the whole
 * transaction again: no writer fails, and the counter equals the rows.
 */
@Execution(ExecutionMode.CONCURRENT)
class GaleraConflictRetryTests {

    static final String DATABASE = "galera_conflicts";
    static final int WRITERS_PER_NODE = 2;
    static final int TRANSACTIONS_PER_WRITER = 100;

    static GaleraCluster cluster;
    static final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    static void tables() {
        cluster = GaleraCluster.shared();
        cluster.createDatabase(DATABASE);
        JdbcClient jdbc = JdbcClient.create(pool(1));
        jdbc.sql("CREATE TABLE hot_counter (id INT PRIMARY KEY, v INT NOT NULL)").update();
        jdbc.sql("INSERT INTO hot_counter (id, v) VALUES (1, 0)").update();
        jdbc.sql("CREATE TABLE counted (id BIGINT AUTO_INCREMENT PRIMARY KEY, node INT NOT NULL)").update();
    }

    @AfterAll
    static void close() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void writersOnTwoNodesOfOneRowAllSucceedAndCountExactly() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TransientFailureRetry retry = RetryPolicies.standard(meters);
        Map<String, AtomicInteger> arrivedAs = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE);
        List<Future<?>> done = new ArrayList<>();
        for (int node = 1; node <= 2; node++) {
            HikariDataSource pool = pool(node);
            JdbcTransactionManager transactions = new JdbcTransactionManager(pool);
            TransactionTemplate outer = new TransactionTemplate(transactions);
            TransactionTemplate nested = new TransactionTemplate(transactions);
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            JdbcClient jdbc = JdbcClient.create(pool);
            int writtenBy = node;
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                done.add(writers.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRANSACTIONS_PER_WRITER; i++) {
                        try {
                            retry.call(() -> {
                                try {
                                    return outer.execute(status -> {
                                        nested.executeWithoutResult(step ->
                                                jdbc.sql("UPDATE hot_counter SET v = v + 1 WHERE id = 1").update());
                                        return jdbc.sql("INSERT INTO counted (node) VALUES (?)").param(writtenBy).update();
                                    });
                                } catch (RuntimeException e) {
                                    arrivedAs.computeIfAbsent(arrival(e), k -> new AtomicInteger()).incrementAndGet();
                                    throw e;
                                }
                            });
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();

        double retried = meters.find("portal.db.retries").tag("outcome", "retried").counters().stream()
                .mapToDouble(Counter::count).sum();
        System.out.printf("Galera conflicts: %d transactions, %d failed, %.0f retries, arrived as %s%n",
                2 * WRITERS_PER_NODE * TRANSACTIONS_PER_WRITER, failed.get(), retried, arrivedAs);
        HikariDataSource third = pool(3);
        third.setConnectionInitSql("SET SESSION wsrep_sync_wait = 1"); // reads wait for every write committed so far
        JdbcClient check = JdbcClient.create(third);
        int total = 2 * WRITERS_PER_NODE * TRANSACTIONS_PER_WRITER;
        assertThat(failed).as("transactions that failed for good").hasValue(0);
        assertThat(retried).as("the two nodes must have conflicted for this to show anything").isPositive();
        assertThat(check.sql("SELECT v FROM hot_counter WHERE id = 1").query(Integer.class).single()).isEqualTo(total);
        assertThat(check.sql("SELECT COUNT(*) FROM counted").query(Integer.class).single()).isEqualTo(total);
    }

    /** The exception's class and where it arose: the statement, or the savepoint or commit step Spring names. */
    private static String arrival(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int sql = message.indexOf("SQL [");
        int end = message.indexOf(';');
        String where = sql >= 0 ? message.substring(sql + 5, message.indexOf(' ', sql + 5))
                : message.substring(0, end > 0 ? end : message.length());
        return e.getClass().getSimpleName() + " at " + where;
    }

    private static synchronized HikariDataSource pool(int node) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(cluster.node(node).jdbcUrl(DATABASE, GaleraAbortTests.URL_SETTINGS));
        pool.setUsername(GaleraCluster.USER);
        pool.setPassword(cluster.password());
        pool.setMaximumPoolSize(WRITERS_PER_NODE);
        GaleraDriverSettings.SETTINGS.forEach(pool::addDataSourceProperty);
        pools.add(pool);
        return pool;
    }
}
