package cn.np700.portal.security.carrier;

import cn.np700.portal.security.StatelessApiChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The carrier API: stateless, by carrier credential only, answering problem details. */
@Configuration(proxyBeanMethods = false)
class CarrierSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain carrierApi(HttpSecurity http, CarrierClients clients) throws Exception {
        return StatelessApiChain.build(http, "/api/carrier/**", new CarrierAuthenticationFilter(clients), "CARRIER",
                "Send the carrier credential as a bearer token.", "This credential may not use this endpoint.");
    }
}
