package cn.np700.portal.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a request that found the database unavailable is told: 503 with {@code Retry-After}. The carrier's routing
 * question gets {@code ROUTING_UNAVAILABLE} and may ask again (another node) within a second; everything else gets
 * {@code DATABASE_UNAVAILABLE}.
 */
record DatabaseUnavailable(String code, String detail, long retryAfterSeconds) {

    static final String ROUTE_PATH = "/api/carrier/v1/route";

    private static final DatabaseUnavailable ROUTING = new DatabaseUnavailable("ROUTING_UNAVAILABLE",
            "Routing cannot answer in time: the database is unavailable. Apply your fallback or ask again.", 1);
    private static final DatabaseUnavailable DATABASE = new DatabaseUnavailable("DATABASE_UNAVAILABLE",
            "The database is unavailable or too busy to answer in time. Try again shortly: a binding is created once "
                    + "per orderRef and a call record stored once per callId, so repeating a write is safe.", 5);

    static DatabaseUnavailable forRequest(HttpServletRequest request) {
        return isRoute(request) ? ROUTING : DATABASE;
    }

    static boolean isRoute(HttpServletRequest request) {
        return ApiProblemWriter.path(request).equals(ROUTE_PATH);
    }
}
