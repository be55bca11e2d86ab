package cn.np700.portal.database;

import java.util.List;
import java.util.Map;

/**
 * Where the portal's database is: the embedded MariaDB it started, or the external one configured.
 *
 * @param driverSettings Connector/J properties given beside the URL, which outrank the URL's own (a Galera cluster's,
 *                       {@link GaleraDriverSettings})
 * @param sessionSettings session variables every pooled connection sets when it opens, as {@code name = value}
 *                        (a Galera cluster's, {@link GaleraDriverSettings#SESSION})
 */
record DatabaseEndpoint(String url, String username, String password, Map<String, String> driverSettings,
        List<String> sessionSettings) {

    DatabaseEndpoint(String url, String username, String password) {
        this(url, username, password, Map.of(), List.of());
    }
}
