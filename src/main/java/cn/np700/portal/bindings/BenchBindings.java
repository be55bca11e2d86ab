package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BenchPlan;
import cn.np700.portal.tenancy.BenchSeedLog;
import cn.np700.portal.tenancy.BenchWorkers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The benchmark's live bindings, made through the real creation (every rule and counter, the audit trail) on the X
 * the plan names, 40 days long. Their creation time is then moved back 31 days (bench data only) so that the month
 * of call records loaded next falls inside them.
 */
@Component
@Order(320)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchBindings implements ApplicationRunner {

    private static final Duration HISTORY = Duration.ofDays(31);

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final BindingCreation creation;
    private final JdbcClient jdbc;
    private final Clock clock;

    BenchBindings(BenchPlan plan, BenchSeedLog seedLog, BindingCreation creation, JdbcClient jdbc, Clock clock,
            BenchWorkers workers) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.creation = creation;
        this.jdbc = jdbc;
        this.clock = clock;
        this.workers = workers;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        long total = (long) plan.bindingsPerTenant() * plan.tenants();
        AtomicLong done = new AtomicLong();
        AtomicLong made = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        String expiresAt = clock.instant().plus(Duration.ofDays(40)).toString();
        workers.run(6, plan.tenants(), slice -> {
            int t = slice + 1;
            long tenantId = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = ?").param(plan.admin(t))
                    .query(Long.class).single();
            long have = jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND created_by = ? AND status = 'ACTIVE'")
                    .params(tenantId, BenchPlan.LOADER).query(Long.class).single();
            if (have >= plan.bindingsPerTenant()) {
                done.addAndGet(plan.bindingsPerTenant());
                return;
            }
            Actor loader = new Actor(BenchPlan.LOADER, null);
            for (int i = 0; i < plan.bindingsPerTenant(); i++) {
                try {
                    creation.bind(TenantId.of(tenantId), loader, new BindingInput("AXB", plan.a(t, i), plan.b(t, i), null,
                            Long.toString(plan.x(t, i)), null, expiresAt, "BOTH", true, null), false);
                    made.incrementAndGet();
                } catch (BindingRefusedException e) {
                    // expected only where a binding left by an interrupted load holds this X; counted, so others show
                    refused.incrementAndGet();
                }
                if (done.incrementAndGet() % 20_000 == 0) {
                    seedLog.progress("bindings", done.get(), total, started);
                }
            }
        });
        Instant justMade = clock.instant().minus(Duration.ofDays(1));
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL ? DAY WHERE created_by = ? AND created_at > ?")
                .params(HISTORY.toDays(), BenchPlan.LOADER, Timestamp.from(justMade)).update();
        if (made.get() > 0) {
            seedLog.done("bindings", made.get(), started);
        }
        if (refused.get() > 0) {
            seedLog.progress("bindings-refused", refused.get(), total, started);
        }
    }
}
