package cn.np700.portal.seed.demo;

import cn.np700.portal.bindings.BindingBackdating;
import cn.np700.portal.bindings.BindingsAsActor;
import cn.np700.portal.calls.SimulatedTraffic;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Demo call history for 快达, made once (while it has bindings but no call records) by the traffic simulator through
 * the real routing and ingestion: two weeks of calls, so that a newcomer sees records and charts over several days,
 * and a few calls of the last minutes.
 */
@Component
public class TrafficDemoData {

    static final String AGENT = "kuaida-agent";
    static final Duration HISTORY = Duration.ofDays(14);
    // a few thousand calls: start-up stays quick, the charts still show two weeks of lunch and dinner peaks
    static final int HISTORY_CALLS = 2_000;
    static final int LIVE_CALLS = 12;
    private static final Logger log = LoggerFactory.getLogger(TrafficDemoData.class);

    private final LoginAccounts accounts;
    private final BindingsAsActor bindings;
    private final BindingBackdating backdating;
    private final SimulatedTraffic traffic;
    private final Clock clock;

    TrafficDemoData(LoginAccounts accounts, BindingsAsActor bindings, BindingBackdating backdating,
            SimulatedTraffic traffic, Clock clock) {
        this.accounts = accounts;
        this.bindings = bindings;
        this.backdating = backdating;
        this.traffic = traffic;
        this.clock = clock;
    }

    public void run() {
        Optional<TenantId> found = accounts.find(AGENT).map(LoginAccount::tenantId);
        if (found.isEmpty() || bindings.count(found.get()) == 0 || traffic.anyRecordOf(found.get())) {
            return;
        }
        TenantId kuaida = found.get();
        long started = System.nanoTime();
        Instant now = clock.instant();
        // the demo bindings were made seconds ago, and a record matches only a binding created before its call
        backdating.backdate(kuaida, HISTORY);
        Random random = new Random(700);
        SimulatedTraffic.Outcome history = traffic.route(kuaida, HISTORY_CALLS, now.minus(HISTORY),
                now.minus(Duration.ofMinutes(30)), "DEMO-H-", random);
        SimulatedTraffic.Outcome live = traffic.route(kuaida, LIVE_CALLS, now.minus(Duration.ofMinutes(30)),
                clock.instant(), "DEMO-L-", random);
        SimulatedTraffic.Outcome all = history.plus(live);
        log.info("Demo traffic for 快达: {} calls routed, {} records stored, in {} ms", all.routed(), all.stored(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
