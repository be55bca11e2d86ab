package cn.np700.portal.support;

import cn.np700.portal.PortalApplication;
import cn.np700.portal.database.EmbeddedDatabaseMarker;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second portal node in the same JVM, on the same database as a test's context: the whole application with its
 * own pools, schedulers and workers, as another machine of a cluster would run it. {@link #kill} takes its database
 * away at once, the way a crashed machine's connections die: the server rolls back whatever it had begun, and nothing
 * of its is given back or finished.
 */
public final class PortalNode implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;

    private PortalNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /**
     * Starts a node named {@code name} on the database of the {@code shared} context, with its keys for personal
     * data; extra properties as "key=value".
     */
    public static PortalNode startBeside(ApplicationContext shared, String name, String... properties) {
        HikariDataSource pool;
        try {
            pool = shared.getBean(DataSource.class).unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + pool.getJdbcUrl(),
                "spring.datasource.username=" + (pool.getUsername() == null ? "" : pool.getUsername()),
                "spring.datasource.password=" + (pool.getPassword() == null ? "" : pool.getPassword()),
                "spring.liquibase.enabled=false",
                "spring.main.banner-mode=off",
                "server.port=0",
                "portal.demo-data=false",
                "portal.runs.node=" + name,
                "portal.runs.poll=PT1S"));
        shared.getBeanProvider(EmbeddedDatabaseMarker.class).ifAvailable(embedded -> {
            Properties keys = new Properties();
            try (Reader in = Files.newBufferedReader(embedded.dataDir().resolve("personal-data-keys.properties"))) {
                keys.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all.add("portal.crypto.encryption-key=" + keys.getProperty("encryption"));
            all.add("portal.crypto.index-key=" + keys.getProperty("index"));
        });
        all.addAll(List.of(properties));
        // as arguments, which outrank the test profile's file (default properties would not)
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PortalApplication.class)
                .profiles("test")
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
        return new PortalNode(name, context);
    }

    private static final Map<String, PortalNode> SURVIVORS = new HashMap<>();

    /**
     * One node per test database that outlives the test classes using it (it stops with the JVM): the node that takes
     * over what a killed node leaves, started once rather than once per class.
     */
    public static synchronized PortalNode survivorBeside(ApplicationContext shared) {
        String url;
        try {
            url = shared.getBean(DataSource.class).unwrap(HikariDataSource.class).getJdbcUrl();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return SURVIVORS.computeIfAbsent(url, key -> {
            PortalNode node = startBeside(shared, "node-survivor-" + UUID.randomUUID().toString().substring(0, 6));
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "survivor-node-stop"));
            return node;
        });
    }

    public String name() {
        return name;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Publishes {@code event} in the node's context, as its own code would (inside a transaction, if the caller began one). */
    public void publish(Object event) {
        context.publishEvent(event);
    }

    /** Closes both of the node's pools at once: open transactions are aborted, and every later statement fails. */
    public void kill() {
        context.getBeansOfType(AutoCloseable.class).forEach((beanName, bean) -> {
            if (bean instanceof DataSource || beanName.equals("routingDatabase")) {
                try {
                    bean.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + beanName, e);
                }
            }
        });
    }

    @Override
    public void close() {
        context.close();
    }
}
