package cn.np700.portal.support;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Records the SQL that the current thread sends through the portal's main pool while a {@link Recording} is open on it
 * (MockMvc runs a request on the test's own thread). The pool inside the {@code dataSource} bean is swapped for a
 * class proxy of itself (so health still sees a Hikari pool): outside a recording it hands out the pool's own
 * connections untouched, so the rest of the shared test context runs as before.
 */
@Component
public class RecordedStatements implements BeanPostProcessor {

    private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();
    private static final String TRANSACTION_MANAGER = "PerTransactionIsolation.";
    private static final Set<String> STATEMENT_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "addBatch");

    /** One statement and the first portal class (main code) on the stack that sent it. */
    public record Recorded(String sql, String caller) {
    }

    /** Open on one thread; {@link #close()} stops recording. */
    public static final class Recording implements AutoCloseable {

        private final List<Recorded> statements = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong roundTrips = new AtomicLong();

        public List<Recorded> statements() {
            return List.copyOf(statements);
        }

        /**
         * The statements the server ran on the connections borrowed while recording, from borrow to return, by its
         * own count ({@code Questions}): those recorded and what the driver sent itself (autocommit, isolation,
         * COMMIT). A Hikari aliveness check (a ping, not a statement) is not among them.
         */
        public long roundTrips() {
            return roundTrips.get();
        }

        @Override
        public void close() {
            RECORDING.remove();
        }
    }

    public static Recording start() {
        Recording recording = new Recording();
        RECORDING.set(recording);
        return recording;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DelegatingDataSource delegating
                && delegating.getTargetDataSource() instanceof HikariDataSource pool
                && !(pool instanceof org.springframework.aop.SpringProxy)) {
            ProxyFactory factory = new ProxyFactory(pool);
            factory.setProxyTargetClass(true);
            factory.addAdvice((MethodInterceptor) invocation -> {
                Object result = invocation.proceed();
                return result instanceof Connection connection && RECORDING.get() != null ? recording(connection) : result;
            });
            delegating.setTargetDataSource((DataSource) factory.getProxy(pool.getClass().getClassLoader()));
        }
        return bean;
    }

    private static Connection recording(Connection connection) throws SQLException {
        Recording recording = RECORDING.get();
        long questionsAtBorrow = questions(connection);
        return proxy(Connection.class, connection, (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args[0] instanceof String sql) {
                record(sql);
            }
            if (name.equals("close") && !connection.isClosed()) {
                // less one: the counter read at the return counts itself
                recording.roundTrips.addAndGet(questions(connection) - questionsAtBorrow - 1);
            }
            Object result = invoke(connection, method, args);
            if (name.equals("unwrap") && result instanceof JdbcConnection driver) {
                return clientPreparing(driver);
            }
            return name.equals("createStatement") ? statement((Statement) result) : result;
        });
    }

    /**
     * The driver's own connection, for its client-side statements ({@code OneOffStatement}): those are recorded too,
     * by the one {@code nativeSQL} each passes its text through as it is made.
     */
    private static JdbcConnection clientPreparing(JdbcConnection driver) {
        return proxy(JdbcConnection.class, driver, (proxy, method, args) -> {
            if ((method.getName().equals("clientPrepareStatement") || method.getName().equals("nativeSQL"))
                    && args[0] instanceof String sql) {
                record(sql);
            }
            return invoke(driver, method, args);
        });
    }

    private static Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (proxy, method, args) -> {
            if (STATEMENT_METHODS.contains(method.getName()) && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                record(sql);
            }
            return invoke(statement, method, args);
        });
    }

    private static void record(String sql) {
        Recording recording = RECORDING.get();
        String caller = caller();
        // the transaction manager's isolation level is transaction control, as autocommit and COMMIT are: a round trip
        if (recording != null && !caller.startsWith(TRANSACTION_MANAGER)) {
            recording.statements.add(new Recorded(sql, caller));
        }
    }

    /** The server's count of the statements the connection's session ran, this one included. */
    public static long questions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            status.next();
            return status.getLong(2);
        }
    }

    /** The first frame of the portal's main code: test classes, proxies and shared SQL helpers are skipped. */
    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("cn.np700.portal.") && !f.getClassName().contains("$$")
                        && !f.getClassName().endsWith(".SqlWhere") && !f.getClassName().endsWith(".MultiRowInsert")
                        && !f.getClassName().endsWith(".OneOffStatement")
                        && isMainCode(f.getDeclaringClass()))
                .map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getMethodName())
                .findFirst().orElse("?"));
    }

    private static boolean isMainCode(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source != null && !source.getLocation().toString().contains("test-classes");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
