package cn.np700.portal.bindings.rules;

import org.springframework.http.HttpStatus;

/** The stable codes of refused binding requests, with the HTTP status the API answers them with. */
public enum RefusalCode {
    INVALID_NUMBER(HttpStatus.BAD_REQUEST),
    SAME_PARTY(HttpStatus.BAD_REQUEST),
    INVALID_MODE(HttpStatus.BAD_REQUEST),
    INVALID_DIRECTION(HttpStatus.BAD_REQUEST),
    INVALID_EXPIRY(HttpStatus.BAD_REQUEST),
    INVALID_X(HttpStatus.BAD_REQUEST),
    INVALID_ORDER_REF(HttpStatus.BAD_REQUEST),
    INVALID_CHANGE(HttpStatus.BAD_REQUEST),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
    INVALID_CONSENT(HttpStatus.BAD_REQUEST),
    X_NOT_HELD(HttpStatus.UNPROCESSABLE_CONTENT),
    NOT_VERIFIED(HttpStatus.UNPROCESSABLE_CONTENT),
    NO_CONSENT(HttpStatus.UNPROCESSABLE_CONTENT),
    BLACKLISTED(HttpStatus.UNPROCESSABLE_CONTENT),
    X_SUSPENDED(HttpStatus.CONFLICT),
    X_UNAVAILABLE(HttpStatus.CONFLICT),
    PARTY_ALREADY_ON_X(HttpStatus.CONFLICT),
    NO_NUMBER_AVAILABLE(HttpStatus.CONFLICT),
    ORDER_REF_CONFLICT(HttpStatus.CONFLICT),
    NOT_LIVE(HttpStatus.CONFLICT),
    QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS),
    NOT_FOUND(HttpStatus.NOT_FOUND);

    private final HttpStatus status;

    RefusalCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
