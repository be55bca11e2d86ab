package cn.np700.portal.seed.demo;

import cn.np700.portal.calls.SimulatedTraffic;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With demo data, a few calls over 快达's live bindings every minute, so that its newest records keep coming in while
 * someone looks. Off with {@code portal.calls.traffic.live-trickle: false} (tests turn it off: their counts must not
 * move by themselves). Part of the demo data, not of the simulator: it acts only on the demo tenant, only while demo
 * data is on.
 */
@Component
@ConditionalOnProperty(name = "portal.calls.traffic.live-trickle", havingValue = "true", matchIfMissing = true)
class TrafficTrickle {

    private static final Logger log = LoggerFactory.getLogger(TrafficTrickle.class);
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final DemoDataSetting setting;
    private final LoginAccounts accounts;
    private final SimulatedTraffic traffic;
    private final Clock clock;
    private final Random random = new Random();

    TrafficTrickle(DemoDataSetting setting, LoginAccounts accounts, SimulatedTraffic traffic, Clock clock) {
        this.setting = setting;
        this.accounts = accounts;
        this.traffic = traffic;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portal.calls.traffic.trickle-every:PT1M}",
            fixedDelayString = "${portal.calls.traffic.trickle-every:PT1M}")
    @SchedulerLock(name = "calls-traffic-trickle", lockAtMostFor = "PT5M")
    public void trickle() {
        if (!setting.enabled()) {
            return;
        }
        accounts.find(TrafficDemoData.AGENT).map(LoginAccount::tenantId).ifPresent(kuaida -> {
            Instant now = clock.instant();
            try {
                traffic.route(kuaida, 1 + random.nextInt(4), now.minus(WINDOW), now, "LIVE-" + now.toEpochMilli() + "-",
                        random);
            } catch (RuntimeException e) {
                log.warn("Demo call trickle failed; will try again", e);
            }
        });
    }
}
