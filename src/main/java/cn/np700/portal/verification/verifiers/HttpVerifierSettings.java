package cn.np700.portal.verification.verifiers;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach a carrier's real-name verification service ({@code portal.verification.http.*}). Unset or non-positive
 * values fall back to the defaults; {@code maxRetries} is an Integer so that an explicit 0 can mean "never retry".
 */
record HttpVerifierSettings(URI url, String credential, Duration timeout, Integer maxRetries, Duration initialBackoff,
        int failureThreshold, Duration openFor) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int DEFAULT_MAX_RETRIES = 2;
    static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    static final int DEFAULT_FAILURE_THRESHOLD = 5;
    static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);

    HttpVerifierSettings {
        timeout = positiveOr(timeout, DEFAULT_TIMEOUT);
        maxRetries = maxRetries == null || maxRetries < 0 ? DEFAULT_MAX_RETRIES : maxRetries;
        initialBackoff = positiveOr(initialBackoff, DEFAULT_INITIAL_BACKOFF);
        failureThreshold = failureThreshold > 0 ? failureThreshold : DEFAULT_FAILURE_THRESHOLD;
        openFor = positiveOr(openFor, DEFAULT_OPEN_FOR);
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }

    // The credential must never reach a log line through a settings dump.
    @Override
    public String toString() {
        return "HttpVerifierSettings[url=" + url + ", credential=" + (credential == null ? "unset" : "***")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff
                + ", failureThreshold=" + failureThreshold + ", openFor=" + openFor + "]";
    }
}
