package cn.np700.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * portal.security.sign-in: how wrong passwords slow down the next attempts. Each limit lets {@code maxFailures} wrong
 * passwords through, then refuses attempts for {@code firstBlock}, doubling with every further failure up to
 * {@code maxBlock}. A failure streak is forgotten after {@code forgetAfter} without failures.
 */
@ConfigurationProperties("portal.security.sign-in")
public record SignInProperties(Limit perAccountAndAddress, Limit perAddress, Limit perAccount, Limit currentPassword,
        Limit secondFactor,
        Duration knownAddressFor, Duration forgetAfter) {

    public SignInProperties {
        perAccountAndAddress = perAccountAndAddress != null ? perAccountAndAddress
                : new Limit(5, Duration.ofMinutes(1), Duration.ofDays(1));
        perAddress = perAddress != null ? perAddress : new Limit(20, Duration.ofMinutes(1), Duration.ofDays(1));
        perAccount = perAccount != null ? perAccount : new Limit(10, Duration.ofSeconds(30), Duration.ofMinutes(5));
        currentPassword = currentPassword != null ? currentPassword
                : new Limit(5, Duration.ofMinutes(1), Duration.ofDays(1));
        secondFactor = secondFactor != null ? secondFactor : new Limit(5, Duration.ofMinutes(1), Duration.ofDays(1));
        knownAddressFor = knownAddressFor != null ? knownAddressFor : Duration.ofDays(30);
        forgetAfter = forgetAfter != null ? forgetAfter : Duration.ofDays(1);
    }

    record Limit(int maxFailures, Duration firstBlock, Duration maxBlock) {

        /** How long the failure numbered {@code failures} blocks further attempts (zero below the limit). */
        Duration blockAfter(int failures) {
            if (failures < maxFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - maxFailures, 30);
            Duration block = firstBlock.multipliedBy(1L << doublings);
            return block.compareTo(maxBlock) > 0 ? maxBlock : block;
        }
    }
}
