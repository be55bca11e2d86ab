package cn.np700.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Spring Security observations. Switching their names off by a predicate still wrapped every filter of every chain
 * in an observing decorator that built a context per filter per request (about twenty on every API call, the carrier's
 * routing and ping included) only to throw it away; without them the chains run undecorated. {@code
 * http.server.requests} still times every request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
