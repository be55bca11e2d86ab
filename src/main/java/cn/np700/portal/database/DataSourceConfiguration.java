package cn.np700.portal.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two pools (see {@link DatabasePoolProperties}) on whichever database the portal runs: the same sizes and
 * timeouts for the embedded MariaDB and an external one. Failing fast is the point: a new connection gives up after
 * {@value #CONNECT_TIMEOUT_MS} ms, a borrow after the pool's connection timeout, a row lock after the session's lock
 * wait timeout, and a statement under a request's {@link TimeBudget} when the budget is spent.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    static final int CONNECT_TIMEOUT_MS = 1_000;
    static final long INITIAL_CONNECT_PATIENCE_MS = 60_000;

    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isBlank()")
    DatabaseEndpoint externalDatabase(@Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String username, @Value("${spring.datasource.password:}") String password,
            @Value("${portal.db.galera:false}") boolean galera) {
        return new DatabaseEndpoint(url, username, password, galera ? GaleraDriverSettings.SETTINGS : Map.of(),
                galera ? GaleraDriverSettings.SESSION : List.of(), galera);
    }

    @Bean
    BudgetedDataSource dataSource(DatabaseEndpoint endpoint, DatabasePoolProperties properties) {
        return new BudgetedDataSource(pool("portal", endpoint, properties.pool(), null));
    }

    /** In place of Boot's JDBC transaction manager: see {@link PerTransactionIsolation}. */
    @Bean
    PerTransactionIsolation transactionManager(BudgetedDataSource dataSource,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        PerTransactionIsolation transactions = new PerTransactionIsolation(dataSource);
        customizers.ifAvailable(customizer -> customizer.customize(transactions));
        return transactions;
    }

    @Bean
    RoutingDatabase routingDatabase(DatabaseEndpoint endpoint, DatabasePoolProperties properties, MeterRegistry meters) {
        return new RoutingDatabase(new BudgetedDataSource(pool("portal-routing", endpoint, properties.routingPool(),
                new MicrometerMetricsTrackerFactory(meters))));
    }

    /**
     * The statement limit sits in a MariaDB executable comment ({@code /*M! ... *}{@code /}): MariaDB runs it, MySQL
     * (whose max_execution_time covers SELECT only) reads a comment.
     */
    static String sessionSettings(long lockWaitSeconds, Duration statementTimeout) {
        return sessionSettings(lockWaitSeconds, statementTimeout, List.of());
    }

    static String sessionSettings(long lockWaitSeconds, Duration statementTimeout, List<String> more) {
        String sql = "SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds;
        for (String setting : more) {
            sql += ", " + setting;
        }
        if (statementTimeout != null && !statementTimeout.isZero()) {
            sql += " /*M! , max_statement_time = " + BigDecimal.valueOf(statementTimeout.toMillis(), 3).toPlainString()
                    + " */";
        }
        return sql;
    }

    private static HikariDataSource pool(String name, DatabaseEndpoint endpoint, DatabasePoolProperties.Pool settings,
            MetricsTrackerFactory metrics) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setUsername(endpoint.username());
        pool.setPassword(endpoint.password());
        pool.setMaximumPoolSize(settings.size());
        pool.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // a dead server is found by the borrow's aliveness check in at most this long, not the default 5 s
        pool.setValidationTimeout(Math.max(250, Math.min(1_000, settings.connectionTimeout().toMillis())));
        // a start keeps trying for a minute: on a busy machine the first handshake can outlast the 1 s connect timeout,
        // and the node would fail to start although the database is there (later borrows still fail fast)
        pool.setInitializationFailTimeout(INITIAL_CONNECT_PATIENCE_MS);
        if (endpoint.galera()) {
            Properties driver = new Properties();
            driver.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
            driver.putAll(endpoint.driverSettings());
            pool.setDataSource(new SyncedGaleraNode(endpoint.url(), driver));
        } else {
            pool.setJdbcUrl(endpoint.url());
            pool.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_MS);
            endpoint.driverSettings().forEach(pool::addDataSourceProperty);
        }
        long lockWait = Math.max(1, settings.lockWaitTimeout().toSeconds());
        pool.setConnectionInitSql(sessionSettings(lockWait, settings.statementTimeout(), endpoint.sessionSettings()));
        if (metrics != null) {
            pool.setMetricsTrackerFactory(metrics);
        }
        return pool;
    }
}
