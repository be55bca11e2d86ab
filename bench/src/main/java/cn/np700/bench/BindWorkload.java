package cn.np700.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/v1/bindings} from all tenants at once: each worker thread belongs to one tenant (round robin), and
 * binds a random seeded (already verified) party pair of its tenant for an hour; the portal picks X. 201 is a
 * creation; anything else is counted by status and problem code.
 */
public final class BindWorkload implements Workload {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KeepAliveHttp http;
    private final DataContract data;
    private final String run;
    private final AtomicInteger threads = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong creations = new java.util.concurrent.atomic.AtomicLong();
    private final ThreadLocal<Integer> tenantOfThread =
            ThreadLocal.withInitial(() -> threads.getAndIncrement() % DataContract.TENANTS + 1);

    public BindWorkload(KeepAliveHttp http, DataContract data, String run) {
        this.http = http;
        this.data = data;
        this.run = run;
    }

    static String body(String a, String b, String orderRef) {
        return "{\"mode\":\"AXB\",\"a\":" + Json.quote(a) + ",\"b\":" + Json.quote(b)
                + ",\"expiresInSeconds\":3600,\"orderRef\":" + Json.quote(orderRef) + "}";
    }

    @Override
    public Result call(long seq) throws Exception {
        int tenant = tenantOfThread.get();
        long party = ThreadLocalRandom.current().nextLong(data.partiesPerTenant());
        KeepAliveHttp.Response response = http.postJson("/api/v1/bindings", DataContract.apiAuthorization(tenant),
                body(DataContract.partyA(tenant, party), DataContract.partyB(tenant, party), "bench-" + run + "-" + creations.getAndIncrement()),
                TIMEOUT);
        if (response.status() == 201) {
            return Result.ok();
        }
        return Result.failed(Json.failure(response.status(), response.body()));
    }
}
