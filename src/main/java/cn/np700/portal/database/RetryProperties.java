package cn.np700.portal.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@link TransientFailureRetry} runs a transaction again.
 *
 * @param maxAttempts    runs in all, the first included
 * @param initialBackoff the ceiling of the first pause; each pause is drawn at random below its ceiling (full
 *                       jitter), and the ceiling doubles after each attempt
 * @param maxBackoff     the ceiling stops doubling here
 */
@ConfigurationProperties("portal.db.retry")
record RetryProperties(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    RetryProperties {
        if (maxAttempts < 1) {
            maxAttempts = 10;
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            initialBackoff = Duration.ofMillis(20);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            maxBackoff = initialBackoff.compareTo(Duration.ofMillis(500)) > 0 ? initialBackoff : Duration.ofMillis(500);
        }
    }
}
