package cn.np700.portal.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a request may wait for the database in all, past which it is answered 503.
 *
 * @param route   the carrier's routing question
 * @param request everything else: pages, the tenant API, the carrier's record pushes
 */
@ConfigurationProperties("portal.time-budget")
record TimeBudgetProperties(Duration route, Duration request) {

    TimeBudgetProperties {
        route = route == null ? Duration.ofMillis(1500) : route;
        request = request == null ? Duration.ofSeconds(5) : request;
    }
}
