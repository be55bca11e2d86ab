package cn.np700.bench;

import java.time.Duration;

/**
 * {@code GET /api/carrier/v1/ping} as the carrier: the same server, connection handling and carrier authentication
 * as route with no work behind it, the HTTP floor that route is measured against. The answer must be 204.
 */
public final class FloorWorkload implements Workload {

    static final String PATH = "/api/carrier/v1/ping";
    static final Duration TIMEOUT = RouteWorkload.TIMEOUT;

    private final KeepAliveHttp http;

    public FloorWorkload(KeepAliveHttp http) {
        this.http = http;
    }

    @Override
    public Result call(long seq) throws Exception {
        KeepAliveHttp.Response response = http.get(PATH, DataContract.CARRIER_AUTHORIZATION, TIMEOUT);
        return judge(response.status(), response.body());
    }

    static Result judge(int status, String body) {
        return status == 204 ? Result.ok() : Result.failed(Json.failure(status, body));
    }
}
