package cn.np700.portal.database;

/** Where the portal's database is: the embedded MariaDB it started, or the external one configured. */
record DatabaseEndpoint(String url, String username, String password) {
}
