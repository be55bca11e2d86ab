package cn.np700.portal.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * New connections on a Galera cluster go to the first node of the URL's list ({@code jdbc:mysql://n1,n2,n3/portal})
 * that is ready and synced. Connector/J's own multi-host failover picks the first node that accepts a connection, and a
 * node that has just come back accepts connections while it is still joining (its state transfer running), then
 * answers every statement with 1047 "WSREP has not yet prepared node for application use". So each URL's node is
 * asked here, before the connection is handed to the pool, for {@code wsrep_ready} and {@code wsrep_local_state}
 * (4: Synced; a donor of an rsync transfer blocks its writes, a joiner answers nothing); a node that is down, or not
 * synced, is passed over. A pooled connection whose node dies or falls out of sync fails with a communication error
 * (SQLState 08), which makes the pool drop it, and its replacement comes from here.
 */
public final class SyncedGaleraNode extends AbstractDataSource {

    private static final Pattern MULTI_HOST = Pattern.compile("^(jdbc:mysql://)([^/?]+)(.*)$");
    private static final int SYNCED = 4;

    private final List<String> urls;
    private final Properties settings;

    /** @param settings the driver's properties for every connection, without user and password */
    public SyncedGaleraNode(String url, Properties settings) {
        this.urls = nodeUrls(url);
        this.settings = settings;
    }

    /** One URL per node of a multi-host URL, each with the URL's database and query; the URL itself for one host. */
    static List<String> nodeUrls(String url) {
        Matcher m = MULTI_HOST.matcher(url);
        if (!m.matches()) {
            return List.of(url);
        }
        List<String> urls = new ArrayList<>();
        for (String host : m.group(2).split(",")) {
            urls.add(m.group(1) + host.trim() + m.group(3));
        }
        return List.copyOf(urls);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(settings);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withUser = new Properties();
        withUser.putAll(settings);
        if (username != null) {
            withUser.setProperty("user", username);
        }
        if (password != null) {
            withUser.setProperty("password", password);
        }
        return connect(withUser);
    }

    /** A connection to the first synced node, or the last node's failure (SQLState 08: the database is unavailable). */
    Connection connect(Properties properties) throws SQLException {
        SQLException failure = null;
        for (String url : urls) {
            Connection connection;
            try {
                connection = DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                failure = e;
                continue;
            }
            String state;
            try {
                state = state(connection);
            } catch (SQLException e) {
                failure = e;
                continue;
            }
            if (state == null) {
                return connection;
            }
            connection.close();
            failure = new SQLTransientConnectionException("Galera node " + url.replaceAll("\\?.*", "") + " is not synced ("
                    + state + ")", "08001");
        }
        throw failure;
    }

    /** Null when the node is ready and synced, else what it says of itself. */
    private static String state(Connection connection) throws SQLException {
        String ready = "?";
        int local = -1;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state')")) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("wsrep_ready")) {
                    ready = rs.getString(2);
                } else {
                    local = Integer.parseInt(rs.getString(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return "ON".equalsIgnoreCase(ready) && local == SYNCED ? null : "wsrep_ready=" + ready + ", wsrep_local_state=" + local;
    }
}
