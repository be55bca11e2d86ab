package cn.np700.portal.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded MariaDB started when no database URL is configured.
 *
 * @param dataDir   where its data lives between restarts
 * @param temporary a throw-away data directory (tests): created fresh and deleted on stop
 * @param port      0 picks a free port
 */
@ConfigurationProperties("portal.db.embedded")
record EmbeddedDatabaseProperties(Path dataDir, boolean temporary, int port, String database) {

    EmbeddedDatabaseProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (database == null || database.isBlank()) {
            database = "portal";
        }
    }
}
