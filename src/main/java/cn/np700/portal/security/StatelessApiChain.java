package cn.np700.portal.security;

import cn.np700.portal.web.ApiProblemWriter;
import jakarta.servlet.Filter;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * A machine API's filter chain (tenant API, carrier API): stateless, authenticated by one bearer filter, answering
 * problem details; no session, so no CSRF token to carry.
 */
public final class StatelessApiChain {

    private StatelessApiChain() {
    }

    public static SecurityFilterChain build(HttpSecurity http, String paths, Filter authentication, String role,
            String unauthorized, String forbidden) throws Exception {
        http.securityMatcher(paths)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(authentication, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(role))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> ApiProblemWriter.write(request, response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", unauthorized))
                        .accessDeniedHandler((request, response, e) -> ApiProblemWriter.write(request, response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", forbidden)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }
}
