package cn.np700.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** portal.security: how many wrong passwords lock an account, and for how long. */
@ConfigurationProperties("portal.security")
record LoginProperties(int maxFailedLogins, Duration lockout) {

    LoginProperties {
        if (maxFailedLogins <= 0) {
            maxFailedLogins = 5;
        }
        if (lockout == null) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
