package cn.np700.portal.database;

import java.util.Map;

/**
 * Where the portal's database is: the embedded MariaDB it started, or the external one configured.
 *
 * @param driverSettings Connector/J properties given beside the URL, which outrank the URL's own (a Galera cluster's,
 *                       {@link GaleraDriverSettings})
 */
record DatabaseEndpoint(String url, String username, String password, Map<String, String> driverSettings) {

    DatabaseEndpoint(String url, String username, String password) {
        this(url, username, password, Map.of());
    }
}
