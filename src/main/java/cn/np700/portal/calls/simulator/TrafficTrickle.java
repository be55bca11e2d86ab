package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.DemoDataSetting;
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
 * move by themselves).
 */
@Component
@ConditionalOnProperty(name = "portal.calls.traffic.live-trickle", havingValue = "true", matchIfMissing = true)
class TrafficTrickle {

    private static final Logger log = LoggerFactory.getLogger(TrafficTrickle.class);
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final DemoDataSetting setting;
    private final LoginAccounts accounts;
    private final TrafficSimulator simulator;
    private final Clock clock;
    private final Random random = new Random();

    TrafficTrickle(DemoDataSetting setting, LoginAccounts accounts, TrafficSimulator simulator, Clock clock) {
        this.setting = setting;
        this.accounts = accounts;
        this.simulator = simulator;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portal.calls.traffic.trickle-every:PT1M}",
            fixedDelayString = "${portal.calls.traffic.trickle-every:PT1M}")
    @SchedulerLock(name = "calls-traffic-trickle", lockAtMostFor = "PT5M")
    public void trickle() {
        if (!setting.enabled()) {
            return;
        }
        accounts.find(TrafficDemoData.AGENT).map(LoginAccount::tenantId).map(TenantId::value).ifPresent(tenantId -> {
            Instant now = clock.instant();
            try {
                simulator.run(tenantId, new TrafficPlan(1 + random.nextInt(4), now.minus(WINDOW), now,
                        "LIVE-" + now.toEpochMilli() + "-"), random);
            } catch (RuntimeException e) {
                log.warn("Demo call trickle failed; will try again", e);
            }
        });
    }
}
