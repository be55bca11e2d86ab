package cn.np700.portal.security;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Anyone may type any username, so rows that no longer count or block anything are removed every hour. */
@Component
class SignInThrottlePurge {

    private final FailureCounters counters;

    SignInThrottlePurge(FailureCounters counters) {
        this.counters = counters;
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    @SchedulerLock(name = "sign-in-throttle-purge")
    public void purge() {
        counters.purge();
    }
}
