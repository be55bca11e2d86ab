package cn.np700.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized input before anything reads it: a body above {@value #MAX_BODY_BYTES} bytes (413; file uploads
 * have their own limits: multipart's, and for a CSV body sent to the API the endpoint's, which reads no more), more than {@value #MAX_PARAMETERS} parameters, or a parameter value above
 * {@value #MAX_VALUE_CHARS} characters (400; the longest field the portal takes, a request's justification, is
 * 2,000). Without it a megabyte note reached the database's column limit, the session's flash store or a redirect's
 * Location header, each answered with a 500. Pages get the error page, the APIs problem details.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimits extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1_048_576;
    static final int MAX_PARAMETERS = 200;
    static final int MAX_VALUE_CHARS = 4_000;
    static final String PROBLEM = "portalInputProblem";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES && !isMultipart(request)
                && !(ApiProblemWriter.isApi(request) && ApiMediaTypes.isCsv(request.getContentType()))) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", "error.tooLarge.text",
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        Map<String, String[]> parameters = request.getParameterMap();
        if (parameters.size() > MAX_PARAMETERS || parameters.values().stream()
                .anyMatch(values -> values.length > MAX_PARAMETERS || anyTooLong(values))) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "VALUE_TOO_LONG", "error.valueTooLong.text",
                    "A parameter is longer than " + MAX_VALUE_CHARS + " characters, or there are too many.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean anyTooLong(String[] values) {
        for (String value : values) {
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String code, String messageKey, String detail) throws IOException {
        if (ApiProblemWriter.isApi(request)) {
            ApiProblemWriter.write(request, response, status, code, detail);
        } else {
            request.setAttribute(PROBLEM, messageKey);
            response.sendError(status.value());
        }
    }
}
