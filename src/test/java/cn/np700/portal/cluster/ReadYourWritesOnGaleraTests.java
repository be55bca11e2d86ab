package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.database.GaleraDriverSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What {@link GaleraDriverSettings#SESSION} buys at the driver, on the shared cluster: a row committed through node 1
 * is read through node 2 straight after, with the connection type of the portal's pools. With
 * {@code wsrep_sync_wait = 1} every read finds it; without, the test only counts how often node 2 had not applied it
 * yet (loopback may be too fast to show it, so that count is printed, not asserted). It also prints the setting's
 * cost on a routing-sized look-up (one indexed row), which docs/deployment.md quotes; nothing is asserted on time.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReadYourWritesOnGaleraTests {

    static final String DATABASE = "galera_read_your_writes";
    static final int TRIES = 500;
    static final int LOOK_UPS = 3_000;

    static GaleraCluster cluster;

    @BeforeAll
    static void table() throws SQLException {
        cluster = GaleraCluster.shared();
        cluster.createDatabase(DATABASE);
        try (Connection c = open(1); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS written (id BIGINT AUTO_INCREMENT PRIMARY KEY, mark VARCHAR(40) NOT NULL,"
                    + " UNIQUE KEY uq_written_mark (mark))");
        }
    }

    @Test
    void aRowCommittedOnOneNodeIsReadOnTheOtherStraightAfterUnderTheSetting() throws SQLException {
        int missedWithout = missedReads(0);
        int missedWith = missedReads(1);
        System.out.printf("read-your-writes across nodes, %d tries each: wsrep_sync_wait=0 missed %d, wsrep_sync_wait=1 missed %d%n",
                TRIES, missedWithout, missedWith);
        assertThat(missedWith).isZero();
    }

    @Test
    void theSettingsCostOnARoutingSizedLookUp() throws SQLException {
        try (Connection one = open(1); PreparedStatement insert = one.prepareStatement("INSERT IGNORE INTO written (mark) VALUES (?)")) {
            for (int i = 0; i < 1_000; i++) {
                insert.setString(1, "lookup-" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Connection two = open(2); PreparedStatement read = two.prepareStatement("SELECT id FROM written WHERE mark = ?")) {
            setSyncWait(two, 1);
            lookUps(read, 500); // warm-up
            long[] without = new long[2];
            long[] with = new long[2];
            for (int round = 0; round < 2; round++) {
                setSyncWait(two, 0);
                without[round] = lookUps(read, LOOK_UPS);
                setSyncWait(two, 1);
                with[round] = lookUps(read, LOOK_UPS);
            }
            System.out.printf("routing-sized look-ups on node 2, %d per run: wsrep_sync_wait=0 %d / %d µs each, "
                    + "wsrep_sync_wait=1 %d / %d µs each%n", LOOK_UPS, without[0] / LOOK_UPS / 1_000,
                    without[1] / LOOK_UPS / 1_000, with[0] / LOOK_UPS / 1_000, with[1] / LOOK_UPS / 1_000);
        }
    }

    private static int missedReads(int syncWait) throws SQLException {
        int missed = 0;
        try (Connection one = open(1); Connection two = open(2);
                PreparedStatement insert = one.prepareStatement("INSERT INTO written (mark) VALUES (?)");
                PreparedStatement read = two.prepareStatement("SELECT COUNT(*) FROM written WHERE mark = ?")) {
            setSyncWait(two, syncWait);
            for (int i = 0; i < TRIES; i++) {
                String mark = "ryw-" + syncWait + "-" + System.nanoTime() + "-" + i;
                insert.setString(1, mark);
                insert.executeUpdate(); // autocommit: committed on the cluster when this returns
                read.setString(1, mark);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        missed++;
                    }
                }
            }
        }
        return missed;
    }

    private static long lookUps(PreparedStatement read, int count) throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            read.setString(1, "lookup-" + (i % 1_000));
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
        return System.nanoTime() - start;
    }

    private static void setSyncWait(Connection c, int value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = " + value);
        }
    }

    /** The portal pools' connection type: the deployment guide's URL with GaleraDriverSettings over it. */
    static Connection open(int node) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GaleraCluster.USER);
        properties.setProperty("password", cluster.password());
        properties.putAll(GaleraDriverSettings.SETTINGS);
        return DriverManager.getConnection(cluster.node(node).jdbcUrl(DATABASE, GaleraAbortTests.URL_SETTINGS), properties);
    }
}
