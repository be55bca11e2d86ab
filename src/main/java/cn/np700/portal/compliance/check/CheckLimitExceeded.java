package cn.np700.portal.compliance.check;

/** A client used up its checks and complaints for now; it may try again after {@code retryAfterSeconds}. */
class CheckLimitExceeded extends RuntimeException {

    private final long retryAfterSeconds;

    CheckLimitExceeded(long retryAfterSeconds) {
        super("public check rate limit reached; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
