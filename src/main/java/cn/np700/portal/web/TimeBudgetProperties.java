package cn.np700.portal.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a request may wait for the database in all, past which it is answered 503.
 *
 * @param route       the carrier's routing question
 * @param request     everything else: pages, the tenant API, the carrier's record pushes
 * @param slow        reports and exports that read a whole month or period, and uploads whose body arrives within
 *                    the budget (the paths below): they take longer than a page legitimately, and a 503 would only
 *                    make people ask again
 * @param slowPaths   path patterns of those reports, exports and uploads
 */
@ConfigurationProperties("portal.time-budget")
record TimeBudgetProperties(Duration route, Duration request, Duration slow, List<String> slowPaths) {

    TimeBudgetProperties {
        route = route == null ? Duration.ofMillis(1500) : route;
        request = request == null ? Duration.ofSeconds(5) : request;
        slow = slow == null ? Duration.ofSeconds(30) : slow;
        slowPaths = slowPaths == null ? List.of() : List.copyOf(slowPaths);
    }
}
