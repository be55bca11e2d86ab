package cn.np700.portal.security.twofactor;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a session whose second factor is still missing on the code and enrolment pages. Its authentication carries no
 * role, so role-guarded pages refuse it anyway; this also covers the pages any signed-in user may open.
 */
public class SecondFactorGate extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (PendingSecondFactor.of(SecurityContextHolder.getContext().getAuthentication()) != null
                && !allowedWhilePending(request)) {
            String target = request.getContextPath() + SecondFactorController.CODE_PAGE;
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_OK);
            } else {
                response.sendRedirect(target);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowedWhilePending(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(SecondFactorController.CODE_PAGE) || path.equals(SecondFactorController.ENROL_PAGE)
                || path.equals("/login") || path.equals("/logout") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/webjars/") || path.equals("/error") || path.startsWith("/favicon");
    }
}
