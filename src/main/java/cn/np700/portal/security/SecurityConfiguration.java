package cn.np700.portal.security;

import cn.np700.portal.security.apikeys.ApiKeyAuthenticationFilter;
import cn.np700.portal.security.apikeys.ApiKeys;
import cn.np700.portal.security.twofactor.PendingSecondFactor;
import cn.np700.portal.security.twofactor.SecondFactorController;
import cn.np700.portal.security.twofactor.SecondFactorGate;
import cn.np700.portal.tenancy.LoginAccounts;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/** Who may open what. Pages a role may not use answer 403; the navigation hides them in the first place. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String[] OPERATORS = {"OPERATOR_ADMIN", "OPERATOR_REVIEWER", "AUDITOR"};

    /** The tenant API: stateless, by API key, answering problem details; no session, so no CSRF token to carry. */
    @Bean
    @Order(1)
    SecurityFilterChain tenantApi(HttpSecurity http, ApiKeys keys) throws Exception {
        return StatelessApiChain.build(http, "/api/v1/**", new ApiKeyAuthenticationFilter(keys), "API",
                "Send the API key as 'Authorization: Bearer <key>'.", "This key may not use this endpoint.");
    }

    @Bean
    @Order(2)
    SecurityFilterChain portal(HttpSecurity http, PortalUserDetailsService users, PasswordEncoder encoder,
            LoginSuccessHandler success, LoginFailureHandler failure, LoginAccounts accounts, SignInThrottle throttle)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(new AccountStatusChecks());
        // a manager of its own, without the parent Boot builds from the user details bean: a parent would try the
        // password again after a refusal, with the default checks that tell a disabled account apart
        http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(provider, throttle)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api-docs/**").permitAll()
                        // the second sign-in step: only for a session whose password was right and whose code is not
                        .requestMatchers(SecondFactorController.CODE_PAGE, SecondFactorController.ENROL_PAGE)
                                .hasAuthority(PendingSecondFactor.AUTHORITY)
                        .requestMatchers(SecondFactorController.ACCOUNT_PAGE).hasRole("ENTERPRISE_ADMIN")
                        // the public number check and complaint form; the form still carries its CSRF token
                        .requestMatchers(HttpMethod.GET, "/check").permitAll()
                        .requestMatchers(HttpMethod.POST, "/check/complaints").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATOR_ADMIN")
                        .requestMatchers("/operator/*/new", "/operator/*/*/edit", "/operator/inventory/import").hasRole("OPERATOR_ADMIN")
                        // number history is read from the audit trail, which design.md keeps from reviewers
                        .requestMatchers(HttpMethod.GET, "/operator/history").hasAnyRole("OPERATOR_ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/operator/trace", "/operator/trace/export").hasAnyRole("OPERATOR_ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/operator/numbers", "/operator/numbers/*").hasAnyRole(OPERATORS)
                        .requestMatchers(HttpMethod.GET, "/operator/compliance/report", "/operator/compliance/report.csv").hasAnyRole(OPERATORS)
                        .requestMatchers(HttpMethod.GET, "/operator/risk/alerts", "/operator/risk/alerts/*").hasAnyRole(OPERATORS)
                        .requestMatchers(HttpMethod.POST, "/operator/risk/alerts/*/**").hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        .requestMatchers(HttpMethod.GET, "/operator/tenants/**", "/operator/users/**", "/operator/inventory/**",
                                "/operator/blocks/**", "/operator/requests/**", "/operator/verifications",
                                "/operator/bindings", "/operator/bindings/*").hasAnyRole(OPERATORS)
                        // a search only turns the typed number into its keyed hash for the list's URL; it changes nothing
                        .requestMatchers(HttpMethod.POST, "/operator/verifications/search", "/operator/bindings/search")
                                .hasAnyRole(OPERATORS)
                        .requestMatchers(HttpMethod.POST, "/operator/bindings/*/unbind").hasRole("OPERATOR_ADMIN")
                        // who may suspend a binding from a risk alert may also restore it
                        .requestMatchers(HttpMethod.POST, "/operator/bindings/*/restore")
                                .hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        .requestMatchers(HttpMethod.POST, "/operator/requests/*/approve", "/operator/requests/*/reject")
                                .hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        // call records are read by all three operator roles; the other /operator/calls pages (upload,
                        // traffic simulator) stay with OPERATOR_ADMIN through the rule below
                        .requestMatchers(HttpMethod.GET, "/operator/calls", "/operator/calls/{id:\\d+}",
                                "/operator/calls/export", "/operator/calls/statistics", "/operator/calls/unmatched",
                                "/operator/calls/rejections", "/operator/calls/unmatched-events", "/operator/calls/unmatched-events/count")
                                .hasAnyRole(OPERATORS)
                        .requestMatchers(HttpMethod.POST, "/operator/calls/unmatched/*/reviewed")
                                .hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        .requestMatchers("/operator/calls/unmatched/*/link").hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        .requestMatchers(HttpMethod.GET, "/operator/complaints").hasAnyRole(OPERATORS)
                        // who handles complaints may see the citizen's contact in full (audited); auditors see it masked
                        .requestMatchers(HttpMethod.POST, "/operator/complaints/*/handled", "/operator/complaints/*/contact")
                                .hasAnyRole("OPERATOR_ADMIN", "OPERATOR_REVIEWER")
                        .requestMatchers("/operator/**").hasRole("OPERATOR_ADMIN")
                        .requestMatchers("/enterprise/**").hasRole("ENTERPRISE_ADMIN")
                        .requestMatchers("/risk/**").hasRole("ENTERPRISE_ADMIN")
                        .requestMatchers("/compliance/report", "/compliance/report.csv").hasRole("ENTERPRISE_ADMIN")
                        .requestMatchers(HttpMethod.GET, "/complaints").hasRole("ENTERPRISE_ADMIN")
                        .requestMatchers(HttpMethod.GET, "/numbers/**").hasAnyRole("ENTERPRISE_ADMIN", "ENTERPRISE_AGENT")
                        .requestMatchers("/verifications/**", "/verifications").hasAnyRole("ENTERPRISE_ADMIN", "ENTERPRISE_AGENT")
                        .requestMatchers("/consents/**", "/consents").hasAnyRole("ENTERPRISE_ADMIN", "ENTERPRISE_AGENT")
                        .requestMatchers("/bindings/**", "/bindings").hasAnyRole("ENTERPRISE_ADMIN", "ENTERPRISE_AGENT")
                        .requestMatchers("/calls/**", "/calls").hasAnyRole("ENTERPRISE_ADMIN", "ENTERPRISE_AGENT")
                        .requestMatchers("/numbers/**").hasRole("ENTERPRISE_ADMIN")
                        .requestMatchers(HttpMethod.POST, "/audit/verify").hasRole("AUDITOR")
                        .requestMatchers("/audit/**").hasAnyRole("OPERATOR_ADMIN", "AUDITOR", "ENTERPRISE_ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(success).failureHandler(failure).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
                                new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .addFilterAfter(new SecondFactorGate(), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeGate(accounts), SecondFactorGate.class);
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
