package cn.np700.portal.verification.verifiers;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** With portal.verification.provider=http, the carrier's service answers, configured by portal.verification.http.*. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.verification.provider", havingValue = "http")
class HttpVerifierConfiguration {

    @Bean
    RealNameVerifier httpRealNameVerifier(Environment environment, Clock clock) {
        HttpVerifierSettings settings = Binder.get(environment).bind("portal.verification.http", HttpVerifierSettings.class)
                .orElseThrow(() -> new IllegalStateException(
                        "portal.verification.provider=http needs portal.verification.http.url (PORTAL_VERIFIER_URL)"));
        return new HttpRealNameVerifier(settings, clock);
    }
}
