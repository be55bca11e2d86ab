package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.BindingRoutes;
import cn.np700.portal.bindings.RouteFacts;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.verification.PersonalDataCipher;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Routes hammered on one X while its binding is ended and made again, over and over: loads race every commit, yet
 * right after each change the next look-up answers the new truth, and so does every look-up once the changes stop.
 */
@PortalIntegrationTest
class RouteCacheRaceTests {

    static final int ROUNDS = 25;
    static final int READERS = 4;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    BindingRoutes routes;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    MutableClock clock;

    @Test
    void noStaleAnswerOutlivesAnEndOrARebindOnTheSameX() throws Exception {
        AxbBindings axb = new AxbBindings(mvc, bindings);
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(0);
        bindings.poolOfOne(tenant, x);
        String a = bindings.verified(tenant.tenantId());
        byte[] aHash = cipher.index(a);
        byte[] bHash = cipher.index(bindings.verified(tenant.tenantId()));
        List<String> bs = java.util.stream.IntStream.range(0, ROUNDS).mapToObj(i -> bindings.verified(tenant.tenantId())).toList();

        AtomicBoolean going = new AtomicBoolean(true);
        AtomicLong lookUps = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> running = java.util.stream.IntStream.range(0, READERS).<Future<?>>mapToObj(i -> readers.submit(() -> {
                while (going.get()) {
                    routes.lookUp(x, i % 2 == 0 ? aHash : bHash, clock.instant());
                    lookUps.incrementAndGet();
                }
            })).toList();
            for (String b : bs) {
                AxbBindings.Bound bound = axb.bind(tenant, a, b, 600);
                assertThat(liveOn(x, aHash)).as("round of " + b + ": the new binding, right after its commit").containsExactly(bound.id());
                axb.unbind(bound);
                assertThat(liveOn(x, aHash)).as("round of " + b + ": nothing, right after the unbind").isEmpty();
            }
            going.set(false);
            for (Future<?> reader : running) {
                reader.get();
            }
        } finally {
            going.set(false);
            readers.shutdown();
        }
        long last = axb.bind(tenant, a, bs.get(0), 600).id();
        for (int i = 0; i < 3; i++) {
            assertThat(liveOn(x, aHash)).containsExactly(last);
        }
        System.out.printf("RouteCacheRaceTests: %d look-ups raced %d binds and unbinds on one X%n", lookUps.get(), 2 * ROUNDS);
        assertThat(lookUps.get()).as("the readers ran alongside").isGreaterThan(ROUNDS);
    }

    private List<Long> liveOn(long x, byte[] caller) {
        RouteFacts facts = routes.lookUp(x, caller, clock.instant());
        return facts.candidates().stream().filter(c -> c.status().live()).map(RouteFacts.Candidate::bindingId).toList();
    }
}
