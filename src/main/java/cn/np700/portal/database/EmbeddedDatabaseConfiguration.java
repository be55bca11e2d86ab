package cn.np700.portal.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts an embedded MariaDB when no database URL is configured, so the portal runs with nothing set up by hand. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        return EmbeddedMariaDb.start(properties);
    }

    @Bean
    DatabaseEndpoint embeddedDatabase(EmbeddedMariaDb db) {
        return new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password());
    }

    @Bean
    EmbeddedDatabaseMarker embeddedDatabaseMarker(EmbeddedMariaDb db) {
        return new EmbeddedDatabaseMarker(db.dataDir());
    }
}
