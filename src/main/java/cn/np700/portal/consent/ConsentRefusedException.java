package cn.np700.portal.consent;

import org.springframework.http.HttpStatus;

/** A consent request refused before anything was written: a stable code, the field concerned and a message key. */
public class ConsentRefusedException extends RuntimeException {

    /** The stable codes, with the HTTP status the API answers them with. */
    public enum Code {
        INVALID_NUMBER(HttpStatus.BAD_REQUEST),
        INVALID_CONSENT(HttpStatus.BAD_REQUEST),
        NOT_FOUND(HttpStatus.NOT_FOUND);

        private final HttpStatus status;

        Code(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    private final Code code;
    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    public ConsentRefusedException(Code code, String field, String messageKey, Object... args) {
        super(code + " " + messageKey);
        this.code = code;
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    static ConsentRefusedException invalid(String field, String messageKey, Object... args) {
        return new ConsentRefusedException(Code.INVALID_CONSENT, field, messageKey, args);
    }

    static ConsentRefusedException notFound() {
        return new ConsentRefusedException(Code.NOT_FOUND, null, "consent.notFound");
    }

    public Code code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
