package cn.np700.portal.security;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** Ends this account's failure streaks, records the sign-in, and sends one-time-password users to change it first. */
@Component
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final LoginAccounts accounts;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LoginSuccessHandler(LoginAccounts accounts, SignInThrottle throttle, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        PortalUserDetails details = (PortalUserDetails) authentication.getPrincipal();
        CurrentUser user = details.currentUser();
        accounts.recordSuccess(user.userId(), clock.instant());
        throttle.succeeded(user.username(), request.getRemoteAddr());
        events.publishEvent(new LoginEvent("LOGIN_SUCCEEDED", user.username(), user.userId(), user.tenantId(), Map.of()));
        if (details.mustChangePassword()) {
            getRedirectStrategy().sendRedirect(request, response, PasswordChangeGate.PASSWORD_PAGE);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
