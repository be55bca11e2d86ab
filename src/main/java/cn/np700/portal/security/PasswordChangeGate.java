package cn.np700.portal.security;

import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a user who signed in with a one-time password on the password page until they have set their own.
 * The database is asked only while the session still carries the flag; once cleared, the session is updated.
 */
class PasswordChangeGate extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/account/password";

    private final LoginAccounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasswordChangeGate(LoginAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUserDetails details && details.mustChangePassword()) {
            if (accounts.mustChangePassword(details.currentUser().userId())) {
                if (!allowedWhileForced(request)) {
                    if (request.getHeader("HX-Request") != null && fromPasswordPage(request)) {
                        // a fragment the password page itself asks for (the top bar's unread count): nothing to
                        // swap; redirecting would reload the page, which asks again, for ever
                        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    } else if (request.getHeader("HX-Request") != null) {
                        response.setHeader("HX-Redirect", request.getContextPath() + PASSWORD_PAGE);
                        response.setStatus(HttpServletResponse.SC_OK);
                    } else {
                        response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
                    }
                    return;
                }
            } else {
                refresh(request, response, auth, details);
            }
        }
        chain.doFilter(request, response);
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response, Authentication auth,
            PortalUserDetails details) {
        PortalUserDetails updated = details.withPasswordChanged();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, auth.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static boolean fromPasswordPage(HttpServletRequest request) {
        String current = request.getHeader("HX-Current-URL");
        return current != null && current.replaceFirst("[?#].*$", "").endsWith(PASSWORD_PAGE);
    }

    private static boolean allowedWhileForced(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(PASSWORD_PAGE) || path.equals("/logout") || path.startsWith("/css/")
                || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/error");
    }
}
