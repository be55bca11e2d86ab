package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/carrier/v1/route} as the carrier: A calls X of a random seeded binding; the answer must be CONNECT
 * to B. Any other answer is counted as a failure by name ("REJECT NO_BINDING", "wrong callee", "HTTP 401"...).
 */
public final class RouteWorkload implements Workload {

    public static final String WRONG_CALLEE = "wrong callee";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KeepAliveHttp http;
    private final DataContract data;
    private final String run;
    private final AtomicLong calls = new AtomicLong();

    public RouteWorkload(KeepAliveHttp http, DataContract data, String run) {
        this.http = http;
        this.data = data;
        this.run = run;
    }

    static String body(String callId, String caller, String x) {
        return "{\"callId\":" + Json.quote(callId) + ",\"caller\":" + Json.quote(caller) + ",\"x\":" + Json.quote(x)
                + ",\"type\":\"VOICE\"}";
    }

    @Override
    public Result call(long seq) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int tenant = 1 + random.nextInt(DataContract.TENANTS);
        long i = random.nextLong(data.bindingsPerTenant());
        String callId = "bench-" + run + "-r" + calls.getAndIncrement();
        KeepAliveHttp.Response response = http.postJson("/api/carrier/v1/route", DataContract.CARRIER_AUTHORIZATION,
                body(callId, data.a(tenant, i), data.x(tenant, i)), TIMEOUT);
        return judge(response.status(), response.body(), data.b(tenant, i));
    }

    /**
     * Whether an answer is the right one: 200, CONNECT, callee B. The portal's answer is one flat JSON object, so a
     * body without a nested object that holds both pairs exactly is that answer; anything else is parsed to be named.
     * Parsing every answer cost this process twice a floor answer's checking, on the cores the portal runs on.
     */
    static Result judge(int status, String body, String expectedCallee) {
        if (status == 200 && body.indexOf('{', 1) < 0 && body.contains("\"action\":\"CONNECT\"")
                && body.contains("\"callee\":\"" + expectedCallee + '"')) {
            return Result.ok();
        }
        if (status != 200) {
            return Result.failed(Json.failure(status, body));
        }
        JsonNode answer = Json.read(body);
        String action = answer.path("action").asText("");
        if (!"CONNECT".equals(action)) {
            return Result.failed((action.isEmpty() ? "no action" : action) + " " + answer.path("reason").asText(""));
        }
        String callee = answer.path("callee").asText("").replaceAll("\\D", "");
        if (!callee.equals(expectedCallee) && !callee.endsWith(expectedCallee)) {
            return Result.failed(WRONG_CALLEE);
        }
        return Result.ok();
    }
}
