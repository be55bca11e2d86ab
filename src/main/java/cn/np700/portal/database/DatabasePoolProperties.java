package cn.np700.portal.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's two connection pools per node, the same for the embedded and an external database.
 *
 * @param pool        pages, the tenant API, call record ingestion and background work
 * @param routingPool the carrier's routing look-ups and its credential checks only, so that nothing else can take
 *                    their connections
 */
@ConfigurationProperties("portal.db")
record DatabasePoolProperties(Pool pool, Pool routingPool) {

    /**
     * @param size              connections kept open
     * @param connectionTimeout longest wait for a free connection (or a new one) before the request fails
     * @param lockWaitTimeout   innodb_lock_wait_timeout of each session: a row lock held elsewhere fails a statement
     *                          after this long (whole seconds, at least 1) instead of MariaDB's default 50 s
     * @param statementTimeout  MariaDB's max_statement_time of each session, empty for none: the server itself stops a
     *                          statement that runs longer, which the client's socket timeout alone would leave running
     *                          (ignored by MySQL)
     */
    record Pool(int size, Duration connectionTimeout, Duration lockWaitTimeout, Duration statementTimeout) {
    }

    DatabasePoolProperties {
        pool = complete(pool, new Pool(20, Duration.ofSeconds(1), Duration.ofSeconds(2), null));
        routingPool = complete(routingPool, new Pool(10, Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMillis(1500)));
    }

    private static Pool complete(Pool given, Pool defaults) {
        if (given == null) {
            return defaults;
        }
        return new Pool(given.size() > 0 ? given.size() : defaults.size(),
                given.connectionTimeout() != null ? given.connectionTimeout() : defaults.connectionTimeout(),
                given.lockWaitTimeout() != null ? given.lockWaitTimeout() : defaults.lockWaitTimeout(),
                given.statementTimeout() != null ? given.statementTimeout() : defaults.statementTimeout());
    }
}
