package cn.np700.portal.calls.simulator;

import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.DemoDataSetting;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo call history for 快达, made once (while it has bindings but no call records) by the traffic simulator through
 * the real routing and ingestion: two weeks of calls, so that a newcomer sees records and charts over several days,
 * and a few calls of the last minutes.
 */
@Component
@Order(400) // after the demo bindings
class TrafficDemoData implements ApplicationRunner {

    static final String AGENT = "kuaida-agent";
    static final Duration HISTORY = Duration.ofDays(14);
    // a few thousand calls: start-up stays quick, the charts still show two weeks of lunch and dinner peaks
    static final int HISTORY_CALLS = 2_000;
    static final int LIVE_CALLS = 12;
    private static final Logger log = LoggerFactory.getLogger(TrafficDemoData.class);

    private final DemoDataSetting setting;
    private final LoginAccounts accounts;
    private final JdbcClient jdbc;
    private final TrafficSimulator simulator;
    private final Clock clock;

    TrafficDemoData(DemoDataSetting setting, LoginAccounts accounts, JdbcClient jdbc, TrafficSimulator simulator,
            Clock clock) {
        this.setting = setting;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.simulator = simulator;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long kuaida = setting.enabled() ? accounts.find(AGENT).map(LoginAccount::tenantId).map(TenantId::value).orElse(null) : null;
        if (kuaida == null
                || jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ?").param(kuaida).query(Long.class).single() == 0
                || jdbc.sql("SELECT EXISTS (SELECT 1 FROM call_record WHERE tenant_id = ?)").param(kuaida)
                        .query(Boolean.class).single()) {
            return;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        // Demo history only: the demo bindings were made seconds ago, and a record matches only a binding created
        // before its call, so they are dated back to cover the two weeks of history. Never done to real bindings.
        jdbc.sql("UPDATE binding SET created_at = DATE_SUB(created_at, INTERVAL 14 DAY) WHERE tenant_id = ?")
                .param(kuaida).update();
        Random random = new Random(700);
        RunCounts history = simulator.run(kuaida,
                new TrafficPlan(HISTORY_CALLS, now.minus(HISTORY), now.minus(Duration.ofMinutes(30)), "DEMO-H-"), random);
        RunCounts live = simulator.run(kuaida,
                new TrafficPlan(LIVE_CALLS, now.minus(Duration.ofMinutes(30)), clock.instant(), "DEMO-L-"), random);
        RunCounts all = history.plus(live);
        log.info("Demo traffic for 快达: {} calls routed, {} records stored, in {} ms", all.of(TrafficTally.ROUTED),
                all.of(TrafficTally.ACCEPTED) + all.of(TrafficTally.UNMATCHED), (System.nanoTime() - started) / 1_000_000);
    }
}
