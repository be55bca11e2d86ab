package cn.np700.bench;

/**
 * One request of the fault run: its kind (route, bind, ingest), when it started and ended (ms since the run began),
 * the HTTP status (0 when there was no answer), the problem's {@code code} (empty when none), the failure without an
 * answer or the wrong answer ("timeout", "connection refused", "REJECT EXPIRED"...; empty otherwise), whether it was
 * acknowledged, whether a 5xx carried Retry-After, and what it acknowledged: a binding's order ref and id, a batch's
 * call-id prefix, a REJECT's call id.
 */
public record FaultEvent(String kind, double startMs, double endMs, int status, String code, String failure,
        boolean ack, boolean retryAfter, String ref, long id) {

    public static final String NO_CODE = "no code";

    public double millis() {
        return endMs - startMs;
    }

    /** How a failed request is counted: "503 DATABASE_UNAVAILABLE", "500 no code", "timeout", "409 X_TAKEN"... */
    public String outcome() {
        if (ack) {
            return "acknowledged";
        }
        if (status == 0) {
            return failure.isEmpty() ? "no answer" : failure;
        }
        if (status == 200 || status == 201) {
            return "wrong answer: " + failure;
        }
        return status + " " + (code.isEmpty() ? NO_CODE : code);
    }

    public boolean serverError() {
        return status >= 500;
    }
}
