package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * AXN and AXB creations racing for the same few X over the tenant API, each success unbound again at once so that
 * the X keep changing hands: the slot inserts deadlock, and every answer must still be a creation or a business
 * refusal with its code, never a 5xx (issue 16: 710 of 7,000 creations answered 500 with four immediate attempts).
 */
@PortalIntegrationTest
class AxnAxbRaceApiTests {

    private static final int CREATIONS = 1_000;
    /** The tenant's limit of concurrent binding writes (portal.bindings.concurrent-writes-per-tenant): more would be
     * told 429, which is that limit's test (HeldLockTests), not this one's. */
    private static final int THREADS = 8;
    private static final int XS = 2;
    private static final int PARTIES = 24;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new ArrayList<>();

    @Test
    void aThousandAxnAndAxbCreationsRacingForTwoXGiveNo5xx() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        jdbc.sql("""
                UPDATE tenant_quota SET max_active_bindings = 100000, max_new_bindings_per_day = 100000,
                    max_b_per_a_per_day = 100000 WHERE tenant_id = ?""").param(tenant.tenantId()).update();
        List<String> parties = new ArrayList<>();
        for (int i = 0; i < PARTIES; i++) {
            parties.add(bindings.verified(tenant.tenantId()));
        }
        double deadlocksBefore = retries("deadlock");

        long began = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < CREATIONS; i = next.getAndIncrement()) {
                        create(tenant, random, parties);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }

        System.out.printf("AXN/AXB race: %,d creations from %d threads on %d X in %,d ms, %,.0f deadlock retries, "
                + "5xx: %d; %s%n",
                CREATIONS, THREADS, XS, (System.nanoTime() - began) / 1_000_000, retries("deadlock") - deadlocksBefore,
                serverErrors.size(), new TreeMap<>(answers));
        assertThat(serverErrors).isEmpty();
        long created = count("create 201");
        assertThat(created).isPositive();
        assertThat(answers.keySet()).allMatch(answer -> answer.equals("create 201") || answer.equals("unbind 200")
                || answer.startsWith("create 4"));
        assertThat(answers.keySet().stream().filter(a -> a.startsWith("create 4"))).isNotEmpty();
        assertThat(count("unbind 200")).isEqualTo(created);
        assertThat(answers.values().stream().mapToLong(LongAdder::sum).sum() - created).isEqualTo(CREATIONS);
        // the races happened, and every binding went again: nothing left on the X, no slot, no live count
        assertThat(retries("deadlock") - deadlocksBefore).isPositive();
        for (int i = 0; i < XS; i++) {
            assertThat(bindings.liveOn(tenant.x(i))).isZero();
        }
        assertThat(bindings.slotsOf(tenant.tenantId())).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
    }

    private void create(TestBindings.Ready tenant, Random random, List<String> parties) throws Exception {
        long x = tenant.x(random.nextInt(XS));
        int first = random.nextInt(parties.size());
        String a = parties.get(first);
        String other = parties.get((first + 1 + random.nextInt(parties.size() - 1)) % parties.size());
        boolean axn = random.nextInt(3) == 0;
        String json = "{\"mode\":\"" + (axn ? "AXN" : "AXB") + "\",\"a\":\"" + a + "\",\"" + (axn ? "n" : "b") + "\":\""
                + other + "\",\"x\":\"" + x + "\",\"expiresInSeconds\":3600}";
        MockHttpServletResponse created = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
        String body = created.getContentAsString();
        if (created.getStatus() == 201) {
            tally("create 201", created, body);
            long id = ((Number) JsonPath.read(body, "$.id")).longValue();
            MockHttpServletResponse unbound = mvc.perform(delete("/api/v1/bindings/" + id)
                    .header("Authorization", "Bearer " + tenant.key())).andReturn().getResponse();
            tally("unbind " + unbound.getStatus(), unbound, unbound.getContentAsString());
        } else {
            String code = created.getStatus() < 500 ? JsonPath.read(body, "$.code") : null;
            tally("create " + created.getStatus() + " " + code, created, body);
        }
    }

    private void tally(String answer, MockHttpServletResponse response, String body) {
        answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
        if (response.getStatus() >= 500) {
            synchronized (serverErrors) {
                serverErrors.add(answer + " " + body);
            }
        }
    }

    private long count(String answer) {
        LongAdder adder = answers.get(answer);
        return adder == null ? 0 : adder.sum();
    }

    private double retries(String kind) {
        return Search.in(meters).name("portal.db.retries").tag("kind", kind).tag("outcome", "retried").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
