package cn.np700.portal.calls.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Route rejections survive a database that cannot take them: kept in memory and written once it can, within a bound,
 * with anything dropped counted where operators look, and written at shutdown. The database that cannot take them is a
 * real driver pointed at a port where nothing listens, then switched to the real one.
 */
@PortalIntegrationTest
class RouteRejectionsTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    final DataSource unreachable = new DriverManagerDataSource("jdbc:mysql://127.0.0.1:1/portal?connectTimeout=500");
    final DelegatingDataSource database = new DelegatingDataSource(unreachable);

    RouteRejections rejectionsOn(DataSource target, int maxPending) {
        database.setTargetDataSource(target);
        return new RouteRejections(new JdbcTemplate(database), new TransactionTemplate(new JdbcTransactionManager(database)),
                meters, clock, maxPending);
    }

    void record(RouteRejections rejections, String callId) {
        rejections.record(callId, 700_100_000_000_001L, "138****8000", RejectReason.NO_BINDING, Optional.empty(), null);
    }

    long stored(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM route_rejection WHERE call_id LIKE ?").param(prefix + "%")
                .query(Long.class).single();
    }

    @Test
    void aBatchTheDatabaseRefusedIsWrittenByALaterFlushOnce() {
        String prefix = "keep-" + TestTenants.unique() + "-";
        RouteRejections rejections = rejectionsOn(unreachable, 1_000);
        for (int i = 0; i < 7; i++) {
            record(rejections, prefix + i);
        }
        assertThatThrownBy(rejections::flush).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(rejections::flush).isInstanceOf(RuntimeException.class);
        assertThat(rejections.pending()).isEqualTo(7);
        record(rejections, prefix + 7);

        database.setTargetDataSource(dataSource);
        assertThat(rejections.flush()).isEqualTo(8);
        assertThat(rejections.pending()).isZero();
        assertThat(stored(prefix)).isEqualTo(8);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT call_id) FROM route_rejection WHERE call_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(8);
    }

    @Test
    void aBatchWhoseCommitAnswerWasLostIsNotWrittenTwice() {
        String prefix = "commit-" + TestTenants.unique() + "-";
        AtomicBoolean loseAnswer = new AtomicBoolean(true);
        // the real database commits; the answer "never arrives", as when the server dies right after a commit
        DataSource answerLost = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            try {
                                Object result = method.invoke(real, args);
                                if (method.getName().equals("commit") && loseAnswer.getAndSet(false)) {
                                    throw new SQLRecoverableException("Communications link failure (after the commit)");
                                }
                                return result;
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        RouteRejections rejections = rejectionsOn(answerLost, 1_000);
        for (int i = 0; i < 3; i++) {
            record(rejections, prefix + i);
        }
        assertThatThrownBy(rejections::flush).isInstanceOf(RuntimeException.class);
        assertThat(rejections.pending()).isEqualTo(3);
        record(rejections, prefix + 3);

        assertThat(rejections.flush()).isEqualTo(4);
        assertThat(rejections.pending()).isZero();
        assertThat(stored(prefix)).as("each rejection once").isEqualTo(4);
    }

    @Test
    void theBoundCountsTheKeptBatchAndWhatIsDroppedShowsOnPrometheus() throws Exception {
        String prefix = "bound-" + TestTenants.unique() + "-";
        RouteRejections rejections = rejectionsOn(unreachable, 5);
        double droppedBefore = droppedOnPrometheus();
        for (int i = 0; i < 3; i++) {
            record(rejections, prefix + i);
        }
        assertThatThrownBy(rejections::flush).isInstanceOf(RuntimeException.class);
        for (int i = 3; i < 7; i++) {
            record(rejections, prefix + i);
        }
        assertThat(rejections.pending()).isEqualTo(5);
        assertThat(droppedOnPrometheus()).isEqualTo(droppedBefore + 2);

        database.setTargetDataSource(dataSource);
        assertThat(rejections.flush()).isEqualTo(5);
        assertThat(stored(prefix)).isEqualTo(5);
    }

    @Test
    void shutdownWritesWhatWaits() {
        String prefix = "stop-" + TestTenants.unique() + "-";
        RouteRejections rejections = rejectionsOn(dataSource, 1_000);
        rejections.start();
        for (int i = 0; i < 3; i++) {
            record(rejections, prefix + i);
        }
        rejections.stop();
        assertThat(rejections.isRunning()).isFalse();
        assertThat(stored(prefix)).isEqualTo(3);
        assertThat(rejections.getPhase()).as("stops after the web server stops taking calls")
                .isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048);
    }

    @Test
    void whatShutdownCannotWriteIsCountedAsDropped() {
        RouteRejections rejections = rejectionsOn(unreachable, 1_000);
        rejections.start();
        double droppedBefore = meters.counter("portal.route.rejections.dropped").count();
        record(rejections, "lost-" + TestTenants.unique());
        record(rejections, "lost-" + TestTenants.unique());
        rejections.stop();
        assertThat(rejections.pending()).isZero();
        assertThat(meters.counter("portal.route.rejections.dropped").count()).isEqualTo(droppedBefore + 2);
    }

    private double droppedOnPrometheus() throws Exception {
        String body = mvc.perform(get("/actuator/prometheus").with(TestLogins.as(accounts, "operator")))
                .andReturn().getResponse().getContentAsString();
        Matcher dropped = Pattern.compile("(?m)^portal_route_rejections_dropped_total(?:\\{[^}]*})? (\\S+)$").matcher(body);
        assertThat(dropped.find()).as("portal_route_rejections_dropped_total on /actuator/prometheus").isTrue();
        return Double.parseDouble(dropped.group(1));
    }
}
