package cn.np700.portal.security;

import cn.np700.portal.security.twofactor.SecondFactorController;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * A right password: ends this account's failure streaks, then either asks for the second factor or records the
 * sign-in and sends one-time-password users to change it first.
 */
@Component
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final SignInThrottle throttle;
    private final SignInCompletion completion;

    LoginSuccessHandler(SignInThrottle throttle, SignInCompletion completion) {
        this.throttle = throttle;
        this.completion = completion;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        PortalUserDetails details = (PortalUserDetails) authentication.getPrincipal();
        throttle.succeeded(details.getUsername(), request.getRemoteAddr());
        if (completion.pendSecondFactor(request, response, details)) {
            getRedirectStrategy().sendRedirect(request, response, SecondFactorController.CODE_PAGE);
            return;
        }
        String next = completion.recordSignIn(details, null);
        if (next != null) {
            getRedirectStrategy().sendRedirect(request, response, next);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
