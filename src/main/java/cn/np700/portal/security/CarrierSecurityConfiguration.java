package cn.np700.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/** The carrier API: stateless, by carrier credential only, answering problem details. */
@Configuration(proxyBeanMethods = false)
class CarrierSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain carrierApi(HttpSecurity http, CarrierClients clients) throws Exception {
        http.securityMatcher("/api/carrier/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new CarrierAuthenticationFilter(clients), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("CARRIER"))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> ApiProblemResponses.write(request, response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Send the carrier credential as a bearer token."))
                        .accessDeniedHandler((request, response, e) -> ApiProblemResponses.write(request, response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", "This credential may not use this endpoint.")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }
}
