package cn.np700.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The APIs take JSON bodies only, as documented: a request to {@code /api/**} that carries a body (POST, PUT,
 * PATCH) must name {@code application/json} (or a {@code +json} type), never a wildcard such as {@code *}{@code /*}
 * or {@code application/*}, which the message converters would otherwise treat as "anything" and fail on; anything
 * else answers 415 {@code UNSUPPORTED_MEDIA_TYPE} before a controller is chosen. The one exception is {@code text/csv},
 * the body of a file upload (bulk bindings); a JSON endpoint given one still answers 415 with the same code, as
 * its converters take none.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ApiMediaTypes extends OncePerRequestFilter {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ApiProblemWriter.isApi(request) && WITH_BODY.contains(request.getMethod()) && !isJson(request.getContentType())
                && !isCsv(request.getContentType())) {
            ApiProblemWriter.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the body as application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isCsv(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).equalsTypeAndSubtype(CSV);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            if (type.getParameter("charset") != null && !type.getParameter("charset").equalsIgnoreCase("UTF-8")) {
                return false; // JSON is UTF-8 (RFC 8259); another charset would be misread
            }
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
