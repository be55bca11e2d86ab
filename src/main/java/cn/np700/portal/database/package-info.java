/** The database the portal runs on: the embedded MariaDB default, or an external MySQL/MariaDB. */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package cn.np700.portal.database;
