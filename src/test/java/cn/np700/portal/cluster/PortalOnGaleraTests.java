package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.PortalApplication;
import cn.np700.portal.audit.trail.ChainVerifier;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.PresetCredentials;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two portal nodes on two nodes of the Galera cluster, each with the deployment guide's URL and
 * {@code PORTAL_DB_GALERA=true}: the first applies every Liquibase changeset through Galera node 1 and loads the demo
 * data, the second only starts, on Galera node 2. A person signs in on one and is signed in on the other; a binding
 * created on one routes on the other, and the audit chain written through both verifies.
 * What this does not show yet (issue 19): read-your-writes across nodes (the route waits until Galera node 2 has
 * applied the binding), conflicts under load, node loss.
 */
@Execution(ExecutionMode.CONCURRENT)
class PortalOnGaleraTests {

    static final String API_KEY = PresetCredentials.API_KEY_PREFIX + "galera-cluster-test-key-" + "0".repeat(24);
    static final String CARRIER = "np700c_demo-carrier-credential-published-in-README-0000000";

    static GaleraCluster cluster;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoPortalNodes() {
        cluster = GaleraCluster.shared();
        String encryption = randomKey();
        String index = randomKey();
        first = start(1, encryption, index, "spring.liquibase.enabled=true", "portal.demo-data=true");
        second = start(2, encryption, index, "spring.liquibase.enabled=false", "portal.demo-data=false");
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        long tenant = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = 'kuaida-admin'").query(Long.class).single();
        first.getBean(PresetCredentials.class).apiKey(TenantId.of(tenant), "galera-test", "kuaida-admin", API_KEY);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aPersonSignedInOnOneNodeIsSignedInOnTheOther() throws Exception {
        Browser browser = new Browser();
        String login = browser.get(port(second), "/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();

        HttpResponse<String> signIn = browser.postForm(port(second), "/login",
                "username=kuaida-admin&password=demo700-portal&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> page = browser.get(port(first), "/bindings");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span id=\"current-user\">kuaida-admin</span>");
    }

    @Test
    void aBindingCreatedOnOneNodeRoutesOnTheOther() throws Exception {
        Browser api = new Browser();
        String a = mobile();
        String b = mobile();
        for (String party : new String[] {a, b}) {
            HttpResponse<String> verified = api.postJson(port(second), "/api/v1/verifications", API_KEY,
                    "{\"mobile\":\"" + party + "\"}");
            assertThat(verified.body()).contains("\"outcome\":\"VERIFIED\"");
        }

        HttpResponse<String> created = api.postJson(port(first), "/api/v1/bindings", API_KEY,
                "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher x = Pattern.compile("\"x\":\"(\\d+)\"").matcher(created.body());
        assertThat(x.find()).isTrue();

        awaitApplied(2);
        HttpResponse<String> route = api.postJson(port(second), "/api/carrier/v1/route", CARRIER,
                "{\"callId\":\"galera-" + System.nanoTime() + "\",\"caller\":\"" + a + "\",\"x\":\"" + x.group(1)
                        + "\",\"type\":\"VOICE\"}");
        assertThat(route.statusCode()).as(route.body()).isEqualTo(200);
        assertThat(route.body()).contains("CONNECT").contains(b);
    }

    /** The audit trail written through the two nodes so far (the demo data, sign-ins, verifications, bindings) verifies. */
    @Test
    void theAuditChainVerifies() throws SQLException {
        awaitApplied(2);
        assertThat(second.getBean(ChainVerifier.class).verify().intact()).isTrue();
    }

    /**
     * The portal's pools take GaleraDriverSettings over the URL's useServerPrepStmts=true: the server is never asked
     * to prepare a statement, so a prepare can never swallow an abort (GaleraAbortTests).
     */
    @Test
    void thePortalsPoolsPrepareNothingOnTheServer() throws SQLException {
        String sql = "SELECT COUNT(*) FROM tenant WHERE id > ? /* " + System.nanoTime() + " */";
        for (DataSource pool : first.getBeansOfType(DataSource.class).values()) {
            try (Connection c = pool.getConnection()) {
                long prepared = sessionStatus(c, "Com_stmt_prepare");
                for (int i = 0; i < 3; i++) {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.setLong(1, i);
                        s.executeQuery().close();
                    }
                }
                assertThat(sessionStatus(c, "Com_stmt_prepare") - prepared).isZero();
            }
        }
    }

    private static long sessionStatus(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static ConfigurableApplicationContext start(int node, String encryption, String index, String... more) {
        String[] common = {
            "spring.datasource.url=" + cluster.node(node).jdbcUrl(GaleraCluster.DATABASE, GaleraAbortTests.URL_SETTINGS),
            "spring.datasource.username=" + GaleraCluster.USER,
            "spring.datasource.password=" + cluster.password(),
            "portal.db.galera=true",
            "portal.crypto.encryption-key=" + encryption,
            "portal.crypto.index-key=" + index,
            "portal.runs.node=galera-" + node,
            "spring.main.banner-mode=off",
            "server.port=0"};
        String[] all = new String[common.length + more.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return new SpringApplicationBuilder(PortalApplication.class).profiles("test")
                .run(Arrays.stream(all).map(p -> "--" + p).toArray(String[]::new));
    }

    /** Waits until Galera node {@code node} has applied every write committed anywhere so far. */
    private static void awaitApplied(int node) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                cluster.node(node).jdbcUrl(GaleraCluster.DATABASE, ""), GaleraCluster.USER, cluster.password());
                Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            s.executeQuery("SELECT COUNT(*) FROM binding").close();
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String mobile() {
        return "138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** Real HTTP with one cookie jar for both nodes, as a browser behind a load balancer has. */
    static final class Browser {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
            return client.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(int port, String path, String form) throws IOException, InterruptedException {
            return client.send(request(port, path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(int port, String path, String bearer, String json)
                throws IOException, InterruptedException {
            return client.send(request(port, path).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static HttpRequest.Builder request(int port, String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        }
    }
}
