package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/carrier/v1/call-records}, 500 records a batch, each an answered call on a random seeded binding (A
 * called X, went to B) that started a few minutes ago. Accepted records are the units; a batch with duplicates,
 * unmatched or rejected records counts as a failure by name (its accepted records still count).
 */
public final class IngestWorkload implements Workload {

    public static final int BATCH = 500;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KeepAliveHttp http;
    private final DataContract data;
    private final String run;
    private final AtomicLong batches = new AtomicLong();

    public IngestWorkload(KeepAliveHttp http, DataContract data, String run) {
        this.http = http;
        this.data = data;
        this.run = run;
    }

    /** A batch of records numbered {@code batch} (unique per workload, whatever the loop): callIds {@code bench-<run>-c<batch>-<j>}. */
    String batch(long batch, Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder json = new StringBuilder(BATCH * 400).append("{\"records\":[");
        for (int j = 0; j < BATCH; j++) {
            int tenant = 1 + random.nextInt(DataContract.TENANTS);
            long i = random.nextLong(data.bindingsPerTenant());
            Instant start = now.minusSeconds(180 + random.nextInt(120)).truncatedTo(ChronoUnit.MILLIS);
            int duration = 10 + random.nextInt(110);
            if (j > 0) {
                json.append(',');
            }
            record(json, "bench-" + run + "-c" + batch + "-" + j, data.x(tenant, i), data.a(tenant, i),
                    data.b(tenant, i), start, duration);
        }
        return json.append("]}").toString();
    }

    static void record(StringBuilder json, String callId, String x, String caller, String callee, Instant start,
            int duration) {
        Instant ring = start.plusSeconds(1);
        Instant answer = start.plusSeconds(4);
        Instant release = answer.plusSeconds(duration);
        json.append("{\"callId\":").append(Json.quote(callId))
                .append(",\"x\":\"").append(x)
                .append("\",\"caller\":\"").append(caller)
                .append("\",\"callee\":\"").append(callee)
                .append("\",\"type\":\"VOICE\",\"startTime\":\"").append(start)
                .append("\",\"ringTime\":\"").append(ring)
                .append("\",\"answerTime\":\"").append(answer)
                .append("\",\"releaseTime\":\"").append(release)
                .append("\",\"durationSeconds\":").append(duration)
                .append(",\"releaseCause\":16,\"releaseSide\":\"CALLER\",\"result\":\"ANSWERED\",\"recordingRef\":\"")
                .append("rec/").append(callId).append(".wav\"}");
    }

    @Override
    public Result call(long seq) throws Exception {
        KeepAliveHttp.Response response = http.postJson("/api/carrier/v1/call-records",
                DataContract.CARRIER_AUTHORIZATION, batch(batches.getAndIncrement(), Instant.now()), TIMEOUT);
        return judge(response.status(), response.body());
    }

    /** 200 with all 500 accepted and none unmatched, duplicate or rejected. */
    static Result judge(int status, String body) {
        if (status != 200) {
            return Result.failed(Json.failure(status, body));
        }
        JsonNode result = Json.read(body);
        int accepted = result.path("accepted").asInt(-1);
        int unmatched = result.path("unmatched").asInt(0);
        int duplicates = result.path("duplicates").asInt(0);
        int rejected = result.path("rejected").asInt(0);
        if (accepted == BATCH && unmatched == 0 && duplicates == 0 && rejected == 0) {
            return Result.ok(BATCH);
        }
        StringBuilder what = new StringBuilder("batch with");
        if (accepted != BATCH) {
            what.append(" accepted=").append(accepted);
        }
        if (unmatched != 0) {
            what.append(" unmatched");
        }
        if (duplicates != 0) {
            what.append(" duplicates");
        }
        if (rejected != 0) {
            what.append(" rejected (").append(result.path("errors").path(0).path("reason").asText("?")).append(')');
        }
        return new Result(what.toString(), Math.max(0, accepted));
    }
}
