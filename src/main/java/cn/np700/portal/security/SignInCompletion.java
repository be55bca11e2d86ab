package cn.np700.portal.security;

import cn.np700.portal.security.twofactor.PendingSecondFactor;
import cn.np700.portal.security.twofactor.TotpEnrolments;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The two ways out of a right password: a second step (operators always; anyone else who enrolled an authenticator),
 * or the signed-in session. Either way the session holds exactly one authentication, saved here.
 */
@Component
public class SignInCompletion {

    static final Set<Role> TOTP_REQUIRED = EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_REVIEWER, Role.AUDITOR);

    private final LoginAccounts accounts;
    private final TotpEnrolments enrolments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInCompletion(LoginAccounts accounts, TotpEnrolments enrolments, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.enrolments = enrolments;
        this.events = events;
        this.clock = clock;
    }

    /** Whether the user must show a second factor; if so the session now holds only a pending authentication. */
    boolean pendSecondFactor(HttpServletRequest request, HttpServletResponse response, PortalUserDetails user) {
        if (!TOTP_REQUIRED.contains(user.currentUser().role()) && !enrolments.enrolled(user.currentUser().userId())) {
            return false;
        }
        save(request, response, UsernamePasswordAuthenticationToken.authenticated(new PendingSecondFactor(user), null,
                PendingSecondFactor.AUTHORITIES));
        return true;
    }

    /** Signs the user in for good (a new session id, so a pending session's id is worth nothing) and says where to go. */
    public String complete(HttpServletRequest request, HttpServletResponse response, PortalUserDetails user, String factor) {
        request.changeSessionId();
        save(request, response, UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        return recordSignIn(user, factor);
    }

    /** Records a finished sign-in; the path the user goes to next, null for wherever they were going. */
    String recordSignIn(PortalUserDetails user, String factor) {
        CurrentUser current = user.currentUser();
        accounts.recordSuccess(current.userId(), clock.instant());
        events.publishEvent(new LoginEvent("LOGIN_SUCCEEDED", current.username(), current.userId(), current.scope().tenant().orElse(null),
                factor == null ? Map.of() : Map.of("secondFactor", factor)));
        return user.mustChangePassword() ? PasswordChangeGate.PASSWORD_PAGE : null;
    }

    private void save(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
