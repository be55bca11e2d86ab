package cn.np700.portal.web;

import cn.np700.portal.database.DatabaseTrouble;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every API error as RFC 9457 problem details with a stable {@code code}; pages keep their own error pages. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the pages' advice, which also matches REST controllers (they are controllers)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<ProblemDetail> refused(ApiProblemException e) {
        ProblemDetail problem = ApiProblems.of(e.status(), e.code(), e.getMessage());
        if (!e.fields().isEmpty()) {
            problem.setProperty("errors", e.fields());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return ApiProblems.of(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD",
                        "Unknown field '" + unknown.getPropertyName() + "'.");
            }
        }
        return ApiProblems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "The body is not the JSON this endpoint takes.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiProblems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Send application/json.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ApiProblems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail parameter(MethodArgumentTypeMismatchException e) {
        return ApiProblems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "'" + e.getName() + "' has the wrong form.");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseTrouble.isUnavailable(e)) {
            DatabaseUnavailable answer = DatabaseUnavailable.forRequest(request);
            log.warn("{} answered 503 {}: {}", ApiProblemWriter.path(request), answer.code(), e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(answer.retryAfterSeconds()))
                    .body(ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, answer.code(), answer.detail()));
        }
        log.error("API request failed", e);
        return ResponseEntity.internalServerError().body(
                ApiProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "The request failed; it has been logged."));
    }
}
