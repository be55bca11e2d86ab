package cn.np700.portal.security;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentPasswordGuesses;
import cn.np700.portal.web.ClientAddress;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Wrong current passwords on /account/password, counted per user like sign-in failures; each pause is audited. */
@Component
class CurrentPasswordThrottle implements CurrentPasswordGuesses {

    private final FailureCounters counters;
    private final SignInProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CurrentPasswordThrottle(FailureCounters counters, SignInProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.counters = counters;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean paused(long userId) {
        return counters.find(List.of(key(userId))).stream()
                .anyMatch(row -> row.blockedUntil() != null && row.blockedUntil().isAfter(clock.instant()));
    }

    @Override
    public void wrong(long userId, String username, TenantId tenant) {
        counters.fail(key(userId), properties.currentPassword()).ifPresent(block -> events.publishEvent(
                new LoginEvent("SIGN_IN_THROTTLED", username, userId, tenant, new SignInThrottle.Lockout(
                        "current-password", String.valueOf(ClientAddress.current()), block.failures(), block.until())
                        .details())));
    }

    @Override
    public void right(long userId) {
        counters.clear(key(userId), false);
    }

    private static String key(long userId) {
        return "C|" + userId;
    }
}
