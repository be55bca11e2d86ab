package cn.np700.portal.security.twofactor;

import cn.np700.portal.security.FailureCounters;
import cn.np700.portal.security.LoginEvent;
import cn.np700.portal.security.SignInProperties;
import cn.np700.portal.security.SignInThrottle;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.ClientAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Checks a TOTP code (the current 30-second step and one either side, for clocks that drift) or a recovery code.
 * A step once accepted is never accepted again; wrong codes are counted per user like wrong passwords, and each pause
 * they start is audited.
 */
@Component
class SecondFactor {

    enum Outcome { CODE, RECOVERY_CODE, WRONG, PAUSED }

    private final TotpEnrolments enrolments;
    private final FailureCounters counters;
    private final SignInProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondFactor(TotpEnrolments enrolments, FailureCounters counters, SignInProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.enrolments = enrolments;
        this.counters = counters;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    Outcome check(CurrentUser user, String typed) {
        if (paused(user)) {
            return Outcome.PAUSED;
        }
        String input = typed == null ? "" : typed.strip();
        Outcome outcome;
        if (TotpEnrolments.looksLikeRecoveryCode(input)) {
            outcome = enrolments.useRecoveryCode(user.userId(), input, clock.instant()) ? Outcome.RECOVERY_CODE : Outcome.WRONG;
        } else {
            OptionalLong step = enrolments.secret(user.userId()).map(secret -> matchingStep(secret, input))
                    .orElse(OptionalLong.empty());
            outcome = step.isPresent() && enrolments.acceptStep(user.userId(), step.getAsLong()) ? Outcome.CODE : Outcome.WRONG;
        }
        if (outcome == Outcome.WRONG) {
            wrong(user);
        } else {
            counters.clear(key(user), false);
        }
        return outcome;
    }

    /** The step, of the current one and one either side, whose code this is. */
    OptionalLong matchingStep(byte[] secret, String typed) {
        String input = typed == null ? "" : typed.strip().replace(" ", "");
        if (!input.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = Totp.step(clock.instant());
        for (long step : new long[] {now, now - 1, now + 1}) {
            if (MessageDigest.isEqual(Totp.code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    input.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    boolean paused(CurrentUser user) {
        return counters.find(List.of(key(user))).stream()
                .anyMatch(row -> row.blockedUntil() != null && row.blockedUntil().isAfter(clock.instant()));
    }

    void wrong(CurrentUser user) {
        events.publishEvent(new LoginEvent("LOGIN_FAILED", user.username(), user.userId(), user.scope().tenant().orElse(null),
                Map.of("reason", "bad-second-factor")));
        counters.fail(key(user), properties.secondFactor()).ifPresent(block -> events.publishEvent(
                new LoginEvent("SIGN_IN_THROTTLED", user.username(), user.userId(), user.scope().tenant().orElse(null),
                        new SignInThrottle.Lockout("second-factor", String.valueOf(ClientAddress.current()),
                                block.failures(), block.until()).details())));
    }

    private static String key(CurrentUser user) {
        return "T|" + user.userId();
    }
}
