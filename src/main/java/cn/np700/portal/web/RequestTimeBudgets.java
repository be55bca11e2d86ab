package cn.np700.portal.web;

import cn.np700.portal.database.TimeBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Starts each request's {@link TimeBudget} before anything reads the database (the session, the API key): the
 * routing question gets its own, shorter budget, the month's reports, the exports and the uploads a longer one.
 * Health checks bring their own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestTimeBudgets extends OncePerRequestFilter {

    /** A tenth of each budget is kept for the answer itself (the error body, the network) on a busy node. */
    private static final int ANSWER_SHARE = 10;

    private final TimeBudgetProperties budgets;
    private final List<PathPattern> slow;

    RequestTimeBudgets(TimeBudgetProperties budgets) {
        this.budgets = budgets;
        this.slow = budgets.slowPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    private Duration budgetOf(HttpServletRequest request) {
        if (DatabaseUnavailable.isRoute(request)) {
            return budgets.route();
        }
        PathContainer path = PathContainer.parsePath(ApiProblemWriter.path(request));
        return slow.stream().anyMatch(pattern -> pattern.matches(path)) ? budgets.slow() : budgets.request();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration budget = budgetOf(request);
        try (TimeBudget ignored = TimeBudget.start(budget.minus(budget.dividedBy(ANSWER_SHARE)))) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ApiProblemWriter.path(request).startsWith("/actuator/");
    }
}
