package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestCarrierClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One enterprise's rows locked by someone else (a long transaction on its usage counters, as a stuck job or an
 * operator's console would hold them) while it keeps sending binding creations: its own requests are told 429 or
 * 503 within the request budget, and every other enterprise routes and binds as if nothing happened.
 */
@FaultIntegrationTest
class HeldLockTests {

    static final int NOISY_SENDERS = 24;
    static final long LOCK_HELD_MS = 8_000;

    @Autowired
    EmbeddedMariaDb db;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    BudgetedDataSource pool;
    @Autowired
    RoutingDatabase routing;
    @LocalServerPort
    int port;

    @BeforeEach
    void healthyNode() {
        FullPools.awaitBoth(pool, routing);
    }

    @Test
    void aLockOnOneTenantsRowsLeavesEveryoneElseAtZeroErrors() throws Exception {
        FaultHttp http = new FaultHttp(port);
        String carrier = carriers.create("");
        TestBindings.Ready noisy = bindings.tenant();
        TestBindings.Ready quiet = bindings.tenant();
        String noisyA = bindings.verified(noisy.tenantId());
        String quietA = bindings.verified(quiet.tenantId());
        assertThat(http.post("/api/v1/bindings", noisy.key(), axn(noisyA, "13900000001")).status()).isEqualTo(201);
        FaultHttp.Answer quietBinding = http.post("/api/v1/bindings", quiet.key(), axn(quietA, "13900000002"));
        assertThat(quietBinding.status()).as(quietBinding.toString()).isEqualTo(201);
        long quietX = Long.parseLong(quietBinding.body().replaceAll(".*\"x\":\"(\\d+)\".*", "$1"));

        ConcurrentLinkedQueue<FaultHttp.Answer> noisyAnswers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<FaultHttp.Answer> quietRoutes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<FaultHttp.Answer> quietBinds = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(NOISY_SENDERS + 5);
        try (Connection holder = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeQuery("SELECT * FROM binding_usage WHERE tenant_id = " + noisy.tenantId() + " FOR UPDATE").close();
            }
            long until = System.nanoTime() + LOCK_HELD_MS * 1_000_000;
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < NOISY_SENDERS; i++) {
                running.add(senders.submit(() -> {
                    while (System.nanoTime() < until) {
                        noisyAnswers.add(http.post("/api/v1/bindings", noisy.key(),
                                axn(noisyA, "139" + (10_000_000 + (int) (Math.random() * 89_999_999)))));
                    }
                }));
            }
            for (int i = 0; i < 4; i++) {
                running.add(senders.submit(() -> {
                    while (System.nanoTime() < until) {
                        quietRoutes.add(http.post("/api/carrier/v1/route", carrier, FaultHttp.route(quietX, quietA)));
                    }
                }));
            }
            running.add(senders.submit(() -> {
                while (System.nanoTime() < until) {
                    quietBinds.add(http.post("/api/v1/bindings", quiet.key(),
                            axn(bindings.verified(quiet.tenantId()), "13900000003")));
                }
            }));
            for (Future<?> sender : running) {
                sender.get();
            }
            holder.rollback();
        } finally {
            senders.shutdownNow();
        }

        Map<String, Integer> noisyOutcomes = outcomes(noisyAnswers);
        System.out.printf("Held lock for %d ms: noisy tenant %s, longest %d ms; quiet tenant %d routes (longest %d ms), "
                + "%d creations (longest %d ms)%n", LOCK_HELD_MS, noisyOutcomes, longest(noisyAnswers), quietRoutes.size(),
                longest(quietRoutes), quietBinds.size(), longest(quietBinds));
        assertThat(quietRoutes).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.body()).as(answer.toString()).contains("\"action\":\"CONNECT\"");
            assertThat(answer.millis()).as(answer.toString())
                    .isLessThanOrEqualTo(FaultAnswersTests.ROUTE_BUDGET_MS + FaultAnswersTests.SLACK_MS);
        });
        assertThat(quietBinds).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.millis()).as(answer.toString())
                    .isLessThanOrEqualTo(FaultAnswersTests.REQUEST_BUDGET_MS + FaultAnswersTests.SLACK_MS);
        });
        assertThat(noisyOutcomes.keySet()).as("the noisy tenant's answers").contains("429 TOO_MANY_CONCURRENT_REQUESTS")
                .allMatch(o -> o.equals("429 TOO_MANY_CONCURRENT_REQUESTS") || o.equals("503 DATABASE_UNAVAILABLE"));
        assertThat(noisyAnswers).allSatisfy(answer -> assertThat(answer.millis()).as(answer.toString())
                .isLessThanOrEqualTo(FaultAnswersTests.REQUEST_BUDGET_MS + FaultAnswersTests.SLACK_MS));

        FaultHttp.Answer after = http.post("/api/v1/bindings", noisy.key(), axn(noisyA, "13900000004"));
        assertThat(after.status()).as("once the lock is gone: " + after).isEqualTo(201);
    }

    private static String axn(String a, String n) {
        return "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"" + n + "\",\"expiresInSeconds\":600}";
    }

    private static Map<String, Integer> outcomes(Iterable<FaultHttp.Answer> answers) {
        Map<String, Integer> counted = new TreeMap<>();
        for (FaultHttp.Answer answer : answers) {
            String code = answer.body().replaceAll("(?s).*\"code\":\"([A-Z_]+)\".*", "$1");
            counted.merge(answer.status() + " " + (code.equals(answer.body()) ? "-" : code), 1, Integer::sum);
        }
        return counted;
    }

    private static long longest(Iterable<FaultHttp.Answer> answers) {
        long longest = 0;
        for (FaultHttp.Answer answer : answers) {
            longest = Math.max(longest, answer.millis());
        }
        return longest;
    }
}
