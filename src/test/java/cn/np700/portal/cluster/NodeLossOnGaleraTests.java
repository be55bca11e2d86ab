package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.audit.trail.ChainVerifier;
import cn.np700.portal.database.SyncedGaleraNode;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.PresetCredentials;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Node loss (issue 19): two portal nodes with the deployment guide's multi-host URLs (portal A: Galera nodes 1, 3, 2;
 * portal B: 2, 3, 1) create bindings under load while Galera node 1 is killed with SIGKILL, started again with
 * {@code --wsrep-recover} and rejoins. Errors are counted while the node is away (bounded: a few seconds' worth),
 * none may happen before the kill nor after the rejoin, and every creation acknowledged with 201 is in the database
 * afterwards, on the rejoined node too. Isolated: no other cluster test runs while a node is down.
 */
@Isolated
class NodeLossOnGaleraTests {

    static final String API_KEY = PresetCredentials.API_KEY_PREFIX + "galera-node-loss-key-" + "0".repeat(27);
    static final int WRITERS_PER_PORTAL = 2;
    /** Completed creations in each phase: before the kill, while the node is away, after it rejoined. */
    static final int PER_PHASE = 40;
    /** Errors allowed while the node is away, in seconds of the load's pace before the kill. */
    static final int BOUND_SECONDS = 5;

    static GaleraCluster cluster;
    static ConfigurableApplicationContext portalA;
    static ConfigurableApplicationContext portalB;

    @BeforeAll
    static void twoPortalsWithMultiHostUrls() {
        cluster = GaleraCluster.shared();
        String encryption = PortalOnGaleraTests.randomKey();
        String index = PortalOnGaleraTests.randomKey();
        String settings = GaleraAbortTests.URL_SETTINGS;
        // Liquibase and the demo data are no-ops when PortalOnGaleraTests has run first
        portalA = PortalOnGaleraTests.start(cluster.jdbcUrl(GaleraCluster.DATABASE, settings, 1, 3, 2), 1, encryption, index,
                "spring.liquibase.enabled=true", "portal.demo-data=true");
        portalB = PortalOnGaleraTests.start(cluster.jdbcUrl(GaleraCluster.DATABASE, settings, 2, 3, 1), 2, encryption, index,
                "spring.liquibase.enabled=false", "portal.demo-data=false");
        JdbcClient jdbc = portalA.getBean(JdbcClient.class);
        long tenant = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = 'kuaida-admin'").query(Long.class).single();
        portalA.getBean(PresetCredentials.class).apiKey(TenantId.of(tenant), "galera-node-loss", "kuaida-admin", API_KEY);
    }

    @AfterAll
    static void stop() {
        if (portalB != null) {
            portalB.close();
        }
        if (portalA != null) {
            portalA.close();
        }
    }

    /** A node that is up but not synced (here desynced on purpose, as a donor is) gets no new connection. */
    @Test
    void newConnectionsPassOverANodeThatIsNotSynced() throws SQLException {
        SyncedGaleraNode nodes = new SyncedGaleraNode(cluster.jdbcUrl(GaleraCluster.DATABASE, "", 3, 1), new Properties());
        GaleraCluster.rootStatement(cluster.node(3), "SET GLOBAL wsrep_desync = ON");
        try {
            assertThat(portOf(nodes)).as("node 3 desynced").isEqualTo(cluster.node(1).port());
        } finally {
            GaleraCluster.rootStatement(cluster.node(3), "SET GLOBAL wsrep_desync = OFF");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> portOf(nodes) == cluster.node(3).port());
    }

    private static int portOf(SyncedGaleraNode nodes) throws SQLException {
        try (Connection c = nodes.getConnection(GaleraCluster.USER, cluster.password()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@port")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** {@code phase}: 0 started and ended before the kill, 2 started after the rejoin, 1 any other. */
    private record Outcome(int phase, int status, String body, long bindingId) {
    }

    @Test
    void killingOneDatabaseNodeUnderLoadCostsAFewSecondsOfErrorsAndNoAcknowledgedWrite() throws Exception {
        AtomicInteger phase = new AtomicInteger(0);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_PORTAL);
        List<Future<?>> load = new ArrayList<>();
        Pattern id = Pattern.compile("/(\\d+)$");
        for (int w = 0; w < 2 * WRITERS_PER_PORTAL; w++) {
            ConfigurableApplicationContext portal = w % 2 == 0 ? portalA : portalB;
            load.add(writers.submit(() -> {
                PortalOnGaleraTests.Browser api = new PortalOnGaleraTests.Browser();
                while (running.get()) {
                    int during = phase.get();
                    String a = PortalOnGaleraTests.mobile();
                    String b = PortalOnGaleraTests.mobile();
                    int port = PortalOnGaleraTests.port(portal);
                    HttpResponse<String> answer = null;
                    for (String party : new String[] {a, b}) {
                        answer = api.postJson(port, "/api/v1/verifications", API_KEY, "{\"mobile\":\"" + party + "\"}");
                        if (answer.statusCode() / 100 != 2) {
                            break;
                        }
                    }
                    if (answer.statusCode() / 100 == 2) {
                        answer = api.postJson(port, "/api/v1/bindings", API_KEY, "{\"mode\":\"AXB\",\"a\":\"" + a
                                + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600,"
                                + "\"consent\":{\"a\":{\"channel\":\"APP\"},\"b\":{\"channel\":\"APP\"}}}");
                    }
                    Matcher made = id.matcher(answer.headers().firstValue("Location").orElse(""));
                    int ended = phase.get();
                    outcomes.add(new Outcome(during == 0 && ended == 0 ? 0 : during == 2 ? 2 : 1, answer.statusCode(),
                            answer.body(),
                            answer.statusCode() == 201 && made.find() ? Long.parseLong(made.group(1)) : -1));
                }
                return null;
            }));
        }
        long loadStarted = System.nanoTime();
        try {
            awaitCompleted(outcomes, 0);
            double perSecond = count(outcomes, 0) * 1e9 / (System.nanoTime() - loadStarted);

            phase.set(1);
            long killed = System.nanoTime();
            cluster.kill(1);
            awaitCompleted(outcomes, 1);
            cluster.restart(1);
            cluster.awaitSynced();
            long rejoined = System.nanoTime();

            phase.set(2);
            awaitCompleted(outcomes, 2);
            running.set(false);
            for (Future<?> writer : load) {
                writer.get();
            }

            List<Outcome> errors = outcomes.stream().filter(o -> o.status() / 100 != 2).toList();
            long before = errors.stream().filter(o -> o.phase() == 0).count();
            long away = errors.stream().filter(o -> o.phase() == 1).count();
            long after = errors.stream().filter(o -> o.phase() == 2).count();
            List<Long> acknowledged = outcomes.stream().filter(o -> o.bindingId() > 0).map(Outcome::bindingId).toList();
            long bound = Math.max(10, Math.round(perSecond * BOUND_SECONDS));
            long presentOnNode2 = present(2, acknowledged);
            long presentOnNode1 = present(1, acknowledged);
            System.out.printf("kill -9 of Galera node 1 under load (%d writers on each of two portals, %.1f creations/s "
                            + "before): node away %d ms; errors before %d, while away %d (bound %d), after the rejoin %d; "
                            + "%d creations acknowledged, present on node 2: %d, on the rejoined node 1: %d; errors %s%n",
                    WRITERS_PER_PORTAL, perSecond, (rejoined - killed) / 1_000_000, before, away, bound, after,
                    acknowledged.size(), presentOnNode2, presentOnNode1,
                    errors.stream().map(o -> o.status() + " " + o.body().substring(0, Math.min(120, o.body().length())))
                            .distinct().limit(5).toList());
            assertThat(before).as("errors before the kill").isZero();
            assertThat(away).as("errors while the node was away").isLessThanOrEqualTo(bound);
            assertThat(after).as("errors after the node rejoined").isZero();
            assertThat(presentOnNode2).as("acknowledged creations present on node 2").isEqualTo(acknowledged.size());
            assertThat(presentOnNode1).as("acknowledged creations present on the rejoined node").isEqualTo(acknowledged.size());
            assertThat(portalB.getBean(ChainVerifier.class).verify().intact()).as("the audit chain after the loss").isTrue();
        } finally {
            running.set(false);
            writers.shutdownNow();
            if (!cluster.node(1).process().isAlive()) {
                cluster.restart(1);
                cluster.awaitSynced();
            }
        }
    }

    private static void awaitCompleted(ConcurrentLinkedQueue<Outcome> outcomes, int phase) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(outcomes, phase) >= PER_PHASE);
    }

    private static long count(ConcurrentLinkedQueue<Outcome> outcomes, int phase) {
        return outcomes.stream().filter(o -> o.phase() == phase).count();
    }

    /** How many of the bindings a node holds, after it applied everything committed before the read. */
    private static long present(int node, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(cluster.node(node).jdbcUrl(GaleraCluster.DATABASE, ""),
                GaleraCluster.USER, cluster.password()); Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            StringBuilder in = new StringBuilder();
            ids.forEach(i -> in.append(in.isEmpty() ? "" : ",").append(i));
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM binding WHERE id IN (" + in + ")")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
