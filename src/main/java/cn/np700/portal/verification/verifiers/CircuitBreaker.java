package cn.np700.portal.verification.verifiers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a failing service for a while: after {@code failureThreshold} consecutive failures it opens for
 * {@code openFor}; then one trial call is let through, whose success closes it and whose failure opens it again.
 */
final class CircuitBreaker {

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private int consecutiveFailures;
    private Instant openUntil;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; a caller that gets true must report its outcome. */
    synchronized boolean tryAcquire() {
        if (openUntil == null) {
            return true;
        }
        // Only one trial while half-open, so a recovering service is not hit by everyone who waited.
        if (trialInFlight || clock.instant().isBefore(openUntil)) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    synchronized void onSuccess() {
        consecutiveFailures = 0;
        openUntil = null;
        trialInFlight = false;
    }

    synchronized void onFailure() {
        consecutiveFailures++;
        if (trialInFlight || consecutiveFailures >= failureThreshold) {
            openUntil = clock.instant().plus(openFor);
        }
        trialInFlight = false;
    }
}
