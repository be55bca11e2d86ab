package cn.np700.portal.web;

import cn.np700.portal.database.TimeBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts each request's {@link TimeBudget} before anything reads the database (the session, the API key): the
 * routing question gets its own, shorter budget. Health checks bring their own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestTimeBudgets extends OncePerRequestFilter {

    private final TimeBudgetProperties budgets;

    RequestTimeBudgets(TimeBudgetProperties budgets) {
        this.budgets = budgets;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (TimeBudget ignored = TimeBudget.start(
                DatabaseUnavailable.isRoute(request) ? budgets.route() : budgets.request())) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ApiProblemWriter.path(request).startsWith("/actuator/");
    }
}
