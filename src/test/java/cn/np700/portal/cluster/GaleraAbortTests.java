package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.np700.portal.database.GaleraDriverSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A transaction that Galera aborts while it sits idle fails whole under {@link GaleraDriverSettings}: another node
 * commits a conflicting write, the transaction's node aborts it ("brute force"), and whatever the connection does
 * next, a statement it never prepared or its commit, fails with 1213, leaving none of the transaction's rows. The
 * connections take the deployment guide's URL, which asks for server-side prepared statements: the settings must
 * outrank it.
 */
@Execution(ExecutionMode.CONCURRENT)
class GaleraAbortTests {

    static final String DATABASE = "galera_abort";
    /** The statement settings of the embedded database and of docs/deployment.md's URL. */
    static final String URL_SETTINGS = "rewriteBatchedStatements=true&useServerPrepStmts=true&cachePrepStmts=true"
            + "&prepStmtCacheSize=500&prepStmtCacheSqlLimit=8192&useLocalSessionState=true&useLocalTransactionState=true";
    static final int ER_LOCK_DEADLOCK = 1213;

    static GaleraCluster cluster;

    @BeforeAll
    static void tables() throws SQLException {
        cluster = GaleraCluster.shared();
        cluster.createDatabase(DATABASE);
        try (Connection c = open(1); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS first_half (id CHAR(36) PRIMARY KEY, written_by VARCHAR(10) NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS second_half (id CHAR(36) PRIMARY KEY, written_by VARCHAR(10) NOT NULL)");
        }
    }

    @Test
    void aStatementAfterTheAbortFailsAndTheTransactionLeavesNothing() throws SQLException {
        String key = UUID.randomUUID().toString();
        try (Connection one = open(1)) {
            beginAndLoseToNodeTwo(one, key);

            // the second half, with a statement this connection has never prepared (a text no one has used before)
            SQLException failure = catchThrowableOfType(SQLException.class, () -> {
                insert(one, "INSERT INTO second_half (id, written_by) VALUES (?, ?) /* " + UUID.randomUUID() + " */", key);
                one.commit();
            });

            assertThat((Throwable) failure).as("the second half or its commit must fail").isNotNull();
            assertThat(failure.getErrorCode()).isEqualTo(ER_LOCK_DEADLOCK);
            one.rollback();
        }
        assertThat(rowsOn(3, "first_half", key)).containsExactly("node2");
        assertThat(rowsOn(3, "second_half", key)).isEmpty();
    }

    @Test
    void aCommitAfterTheAbortFailsAndTheTransactionLeavesNothing() throws SQLException {
        String key = UUID.randomUUID().toString();
        try (Connection one = open(1)) {
            beginAndLoseToNodeTwo(one, key);

            SQLException failure = catchThrowableOfType(SQLException.class, one::commit);

            assertThat((Throwable) failure).as("the commit must fail").isNotNull();
            assertThat(failure.getErrorCode()).isEqualTo(ER_LOCK_DEADLOCK);
            one.rollback();
        }
        assertThat(rowsOn(3, "first_half", key)).containsExactly("node2");
    }

    /**
     * Node 1's transaction writes {@code key} and goes idle; node 2 writes the same key and commits, which Galera
     * certifies (node 1's transaction has not reached certification yet). When node 1 applies that write, it finds the
     * key locked by the idle transaction and aborts it: a read on node 1 that waits for every write committed so far
     * (wsrep_sync_wait) returns node 2's row only after that.
     */
    private static void beginAndLoseToNodeTwo(Connection one, String key) throws SQLException {
        one.setAutoCommit(false);
        insert(one, "INSERT INTO first_half (id, written_by) VALUES (?, ?)", key, "node1");
        try (Connection two = open(2)) {
            insert(two, "INSERT INTO first_half (id, written_by) VALUES (?, ?)", key, "node2");
        }
        assertThat(rowsOn(1, "first_half", key)).containsExactly("node2");
    }

    private static void insert(Connection c, String sql, String key) throws SQLException {
        insert(c, sql, key, "node1");
    }

    private static void insert(Connection c, String sql, String key, String writtenBy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setString(2, writtenBy);
            s.executeUpdate();
        }
    }

    /** Who wrote {@code key} into {@code table}, read on {@code node} after it applied every committed write. */
    private static List<String> rowsOn(int node, String table, String key) throws SQLException {
        try (Connection c = open(node)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
            }
            try (PreparedStatement s = c.prepareStatement("SELECT written_by FROM " + table + " WHERE id = ?")) {
                s.setString(1, key);
                List<String> writers = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        writers.add(rs.getString(1));
                    }
                }
                return writers;
            }
        }
    }

    private static Connection open(int node) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(GaleraDriverSettings.SETTINGS);
        properties.setProperty("user", GaleraCluster.USER);
        properties.setProperty("password", cluster.password());
        return DriverManager.getConnection(cluster.node(node).jdbcUrl(DATABASE, URL_SETTINGS), properties);
    }
}
