package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.TestTenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Anyone can make rows by typing usernames; the hourly purge drops those that no longer count, block or remember. */
@PortalIntegrationTest
class SignInThrottlePurgeTests {

    @Autowired
    FailureCounters counters;
    @Autowired
    SignInThrottlePurge purge;
    @Autowired
    SignInProperties properties;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void rowsGoOnceTheyNeitherCountNorBlockNorRememberASignIn() {
        String stale = "U|purge-stale-" + TestTenants.unique();
        String blocking = "U|purge-blocking-" + TestTenants.unique();
        String known = "P|purge-known-" + TestTenants.unique() + "|10.9.9.9";
        counters.fail(stale, properties.perAccount());
        SignInProperties.Limit oneAndADay = new SignInProperties.Limit(1, Duration.ofDays(2), Duration.ofDays(2));
        counters.fail(blocking, oneAndADay);
        counters.clear(known, true);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        purge.purge();

        assertThat(counters.find(List.of(stale, blocking, known))).extracting(FailureCounters.Row::key)
                .containsExactlyInAnyOrder(blocking, known);
        clock.advance(Duration.ofDays(30));
        purge.purge();
        assertThat(counters.find(List.of(stale, blocking, known))).isEmpty();
    }
}
