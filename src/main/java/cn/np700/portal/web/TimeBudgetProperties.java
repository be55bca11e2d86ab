package cn.np700.portal.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a request may wait for the database in all, past which it is answered 503.
 *
 * @param route       the carrier's routing question
 * @param request     everything else: pages, the tenant API, the carrier's record pushes
 * @param report      reports and exports that read a whole month or period (the paths below): at scale they take
 *                    longer than a page legitimately, and a 503 would only make people ask again
 * @param reportPaths path patterns of those reports and exports
 */
@ConfigurationProperties("portal.time-budget")
record TimeBudgetProperties(Duration route, Duration request, Duration report, List<String> reportPaths) {

    TimeBudgetProperties {
        route = route == null ? Duration.ofMillis(1500) : route;
        request = request == null ? Duration.ofSeconds(5) : request;
        report = report == null ? Duration.ofSeconds(30) : report;
        reportPaths = reportPaths == null ? List.of() : List.copyOf(reportPaths);
    }
}
