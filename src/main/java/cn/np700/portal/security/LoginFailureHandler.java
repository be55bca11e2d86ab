package cn.np700.portal.security;

import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords (locking the account at the limit), records every refusal on the audit trail and
 * sends the user back to the login page with the reason and the username they typed.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginAccounts accounts;
    private final LoginProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LoginFailureHandler(LoginAccounts accounts, LoginProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = String.valueOf(request.getParameter("username")).strip();
        Optional<LoginAccount> account = accounts.find(username);
        Long userId = account.map(LoginAccount::userId).orElse(null);
        Long tenantId = account.map(LoginAccount::tenantId).orElse(null);
        String query;
        if (exception instanceof BadCredentialsException) {
            LoginAccounts.Failure failure = accounts.recordFailure(username, clock.instant(),
                    properties.maxFailedLogins(), properties.lockout());
            events.publishEvent(new LoginEvent("LOGIN_FAILED", username, userId, tenantId,
                    Map.of("reason", "bad-credentials", "failures", failure.failures())));
            if (failure.lockedNow()) {
                events.publishEvent(new LoginEvent("ACCOUNT_LOCKED", username, userId, tenantId,
                        Map.of("until", failure.lockedUntil().toString())));
                query = "error=locked&minutes=" + minutesUntil(failure.lockedUntil());
            } else {
                query = "error=bad";
            }
        } else if (exception instanceof LockedException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenantId, Map.of("reason", "locked")));
            Instant until = account.map(LoginAccount::lockedUntil).orElse(clock.instant());
            query = "error=locked&minutes=" + minutesUntil(until);
        } else if (exception instanceof TenantSuspendedException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenantId,
                    Map.of("reason", "tenant-suspended")));
            query = "error=suspended";
        } else if (exception instanceof DisabledException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenantId, Map.of("reason", "disabled")));
            query = "error=disabled";
        } else {
            query = "error=bad";
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query + "&username="
                + URLEncoder.encode(username.length() > 50 ? username.substring(0, 50) : username, StandardCharsets.UTF_8));
    }

    private long minutesUntil(Instant until) {
        long seconds = Duration.between(clock.instant(), until).toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }
}
