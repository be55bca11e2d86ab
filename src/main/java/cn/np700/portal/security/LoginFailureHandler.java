package cn.np700.portal.security;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * Counts wrong passwords (per address, username and both), records every failure and every block it starts on the
 * audit trail, and sends the user back to the login page with the username they typed. Unknown usernames, wrong
 * passwords and blocked attempts get one answer; only the right password learns that an account is unusable, and why.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginAccounts accounts;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;

    LoginFailureHandler(LoginAccounts accounts, SignInThrottle throttle, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = String.valueOf(request.getParameter("username")).strip();
        Optional<LoginAccount> account = accounts.find(username);
        Long userId = account.map(LoginAccount::userId).orElse(null);
        TenantId tenant = account.map(LoginAccount::tenantId).orElse(null);
        String error;
        if (exception instanceof BadCredentialsException) {
            List<SignInThrottle.Lockout> lockouts = throttle.failed(username, request.getRemoteAddr());
            events.publishEvent(new LoginEvent("LOGIN_FAILED", username, userId, tenant,
                    Map.of("reason", "bad-credentials")));
            lockouts.forEach(lockout -> events.publishEvent(
                    new LoginEvent("SIGN_IN_THROTTLED", username, userId, tenant, lockout.details())));
            error = lockouts.isEmpty() ? "bad" : "later";
        } else if (exception instanceof SignInThrottledException) {
            error = "later";
        } else if (exception instanceof LockedException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenant, Map.of("reason", "locked")));
            error = "locked";
        } else if (exception instanceof TenantSuspendedException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenant,
                    Map.of("reason", "tenant-suspended")));
            error = "suspended";
        } else if (exception instanceof DisabledException) {
            events.publishEvent(new LoginEvent("LOGIN_REFUSED", username, userId, tenant, Map.of("reason", "disabled")));
            error = "disabled";
        } else {
            error = "bad";
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + error + "&username="
                + URLEncoder.encode(username.length() > 50 ? username.substring(0, 50) : username, StandardCharsets.UTF_8));
    }
}
