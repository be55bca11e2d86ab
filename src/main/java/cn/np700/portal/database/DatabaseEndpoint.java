package cn.np700.portal.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the portal's database is: the embedded MariaDB it started, or the external one configured.
 *
 * @param driverSettings Connector/J properties given beside the URL, which outrank the URL's own (a Galera cluster's,
 *                       {@link GaleraDriverSettings})
 * @param sessionSettings session variables every pooled connection sets when it opens, as {@code name = value}
 *                        (a Galera cluster's, {@link GaleraDriverSettings#SESSION})
 * @param galera          {@code PORTAL_DB_GALERA}: the URL names nodes of a Galera cluster
 */
record DatabaseEndpoint(String url, String username, String password, Map<String, String> driverSettings,
        List<String> sessionSettings, boolean galera) {

    DatabaseEndpoint(String url, String username, String password) {
        this(url, username, password, Map.of(), List.of(), false);
    }

    /**
     * A new connection with these driver properties: on a Galera cluster to the first of the URL's nodes that is
     * synced ({@link SyncedGaleraNode}), else as the URL says.
     */
    Connection connect(Properties properties) throws SQLException {
        return galera ? new SyncedGaleraNode(url, new Properties()).connect(properties)
                : DriverManager.getConnection(url, properties);
    }
}
