package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestCarrierClients;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What clients see while the database is down (stopped: connections refused) and while it hangs (frozen: it takes
 * connections and never answers): every answer comes within its path's budget (routing 1.5 s, everything else 5 s),
 * as a 503 with Retry-After, in problem details with a stable code for the API (also when the failure is inside the
 * authentication filters) and as a polite page in the reader's language; and all is well again once the server is
 * back, without a restart.
 */
@FaultIntegrationTest
class FaultAnswersTests {

    /** What the client may see beyond the budget itself: the HTTP round trip on a busy 2-core machine. */
    static final long SLACK_MS = 300;
    static final long ROUTE_BUDGET_MS = 1_500;
    static final long REQUEST_BUDGET_MS = 5_000;

    @Autowired
    EmbeddedMariaDb db;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @LocalServerPort
    int port;

    FaultHttp http;
    TestBindings.Ready tenant;
    String carrier;
    long x;
    String a;
    String b;

    @BeforeEach
    void bound() {
        http = new FaultHttp(port);
        tenant = bindings.tenant();
        carrier = carriers.create("");
        a = bindings.verified(tenant.tenantId());
        b = bindings.verified(tenant.tenantId());
        FaultHttp.Answer created = http.post("/api/v1/bindings", tenant.key(),
                "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":600}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        x = Long.parseLong(created.body().replaceAll(".*\"x\":\"(\\d+)\".*", "$1"));
        assertThat(http.post("/api/carrier/v1/route", carrier, FaultHttp.route(x, a)).body()).contains("CONNECT");
    }

    @Test
    void aStoppedDatabaseIsAnswered503WithinEachBudgetAndForgottenOnceItIsBack() {
        DatabaseOutage outage = new DatabaseOutage(db);
        outage.begin();
        try {
            answersEveryPathWithin503();
        } finally {
            outage.end();
        }
        routesAgainWithin(Duration.ofSeconds(10));
    }

    @Test
    void aHungDatabaseIsAnswered503WithinEachBudget() {
        DatabaseOutage outage = new DatabaseOutage(db);
        outage.freeze();
        try {
            answersEveryPathWithin503();
        } finally {
            outage.thaw();
        }
        routesAgainWithin(Duration.ofSeconds(10));
    }

    private void answersEveryPathWithin503() {
        // a few rounds: the first meets pooled connections, the later ones new connection attempts
        for (int round = 0; round < 3; round++) {
            // B's call, which the routing cache does not hold (A's is held, and answered from it while fresh)
            within(ROUTE_BUDGET_MS, () -> http.post("/api/carrier/v1/route", carrier, FaultHttp.route(x, b)),
                    "ROUTING_UNAVAILABLE", "1");
            // the API key is read by the authentication filter, before any controller or its advice
            within(REQUEST_BUDGET_MS, () -> http.post("/api/v1/bindings", tenant.key(),
                    "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"13900000000\",\"expiresInSeconds\":600}"),
                    "DATABASE_UNAVAILABLE", "5");
            within(REQUEST_BUDGET_MS, () -> http.get("/api/v1/bindings", "Authorization", "Bearer " + tenant.key()),
                    "DATABASE_UNAVAILABLE", "5");
            within(REQUEST_BUDGET_MS, () -> http.post("/api/carrier/v1/call-records", carrier,
                    "{\"records\":[{\"callId\":\"f-" + System.nanoTime() + "\",\"x\":\"" + x + "\",\"caller\":\"" + a
                            + "\",\"callee\":\"13900000000\",\"type\":\"VOICE\",\"startTime\":\"" + Instant.now()
                            + "\",\"durationSeconds\":0,\"result\":\"NO_ANSWER\"}]}"),
                    "DATABASE_UNAVAILABLE", "5");
            // a signed-in reader's page: the session itself lives in the database
            FaultHttp.Answer page = within(REQUEST_BUDGET_MS,
                    () -> http.get("/", "Cookie", "SESSION=ZmF1bHQtdGVzdC1zZXNzaW9u"), null, "5");
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("服务暂时不可用").contains("lang=\"zh-CN\"");
            FaultHttp.Answer english = within(REQUEST_BUDGET_MS, () -> http.get("/calls",
                    "Cookie", "SESSION=ZmF1bHQtdGVzdC1zZXNzaW9u", "Accept-Language", "en-GB,en;q=0.9"), null, "5");
            assertThat(english.body()).contains("Temporarily unavailable").contains("nothing already saved is lost");
        }
    }

    private static FaultHttp.Answer within(long budgetMs, Supplier<FaultHttp.Answer> request, String code,
            String retryAfter) {
        FaultHttp.Answer answer = request.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.retryAfter()).as(answer.toString()).isEqualTo(retryAfter);
        if (code != null) {
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.body()).as(answer.toString()).contains("\"code\":\"" + code + "\"");
        }
        assertThat(answer.millis()).as(answer.toString()).isLessThanOrEqualTo(budgetMs + SLACK_MS);
        return answer;
    }

    private void routesAgainWithin(Duration wait) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        FaultHttp.Answer routed;
        FaultHttp.Answer listed;
        do {
            routed = http.post("/api/carrier/v1/route", carrier, FaultHttp.route(x, a));
            listed = http.get("/api/v1/bindings", "Authorization", "Bearer " + tenant.key());
        } while ((routed.status() != 200 || listed.status() != 200) && System.nanoTime() < deadline);
        System.out.printf("Routing and the tenant API answered again %d ms after the server was back%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(routed.body()).as(routed.toString()).contains("CONNECT");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    }
}
