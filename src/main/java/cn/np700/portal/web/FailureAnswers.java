package cn.np700.portal.web;

import cn.np700.portal.database.DatabaseTrouble;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last word on a failure that escaped everything else, above the session and security filters (which read the
 * database before any controller or its advice runs): an unavailable database is answered 503 with
 * {@code Retry-After} (problem details for the API, a polite page for people), and any other failure of the API is
 * still problem details, never the container's or Boot's default body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FailureAnswers extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureAnswers.class);

    private final MessageSource messages;

    FailureAnswers(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            if (DatabaseTrouble.isUnavailable(e)) {
                DatabaseUnavailable answer = DatabaseUnavailable.forRequest(request);
                log.warn("{} answered 503: {}", ApiProblemWriter.path(request), e.toString());
                startOver(response);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(answer.retryAfterSeconds()));
                if (ApiProblemWriter.isApi(request)) {
                    ApiProblemWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, answer.code(), answer.detail());
                } else {
                    DatabaseUnavailablePage.write(request, response, messages);
                }
                return;
            }
            if (!ApiProblemWriter.isApi(request)) {
                throw e;
            }
            log.error("API request failed before reaching its controller", e);
            startOver(response);
            ApiProblemWriter.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                    "The request failed; it has been logged.");
        }
    }

    /**
     * Everything the failed handler set goes (a download's Content-Disposition, an output stream already taken, which
     * would make the writer below throw), except what every answer keeps.
     */
    private static void startOver(HttpServletResponse response) {
        response.reset();
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
