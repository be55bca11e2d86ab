package cn.np700.portal.web;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal an API controller answers as problem details with a stable code, and the fields it concerns. */
public class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<FieldProblem> fields;
    private Duration retryAfter;

    public ApiProblemException(HttpStatus status, String code, String detail, List<FieldProblem> fields) {
        super(detail);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    public ApiProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** Answers with {@code Retry-After}: the client may try again after this long. */
    public ApiProblemException retryAfter(Duration after) {
        this.retryAfter = after;
        return this;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public record FieldProblem(String field, String code, String message) {
    }
}
