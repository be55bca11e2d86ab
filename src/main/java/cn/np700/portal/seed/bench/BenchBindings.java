package cn.np700.portal.seed.bench;

import cn.np700.portal.bindings.BindingBackdating;
import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingsAsActor;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The benchmark's live bindings, made through the real creation (every rule and counter, the audit trail) on the X
 * the plan names, 40 days long. Their creation time is then moved back 31 days (bench data only) so that the month
 * of call records loaded next falls inside them.
 */
@Component
public class BenchBindings {

    private static final Duration HISTORY = Duration.ofDays(31);

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final BenchAdmins admins;
    private final BindingsAsActor bindings;
    private final BindingBackdating backdating;
    private final Clock clock;

    BenchBindings(BenchPlan plan, BenchSeedLog seedLog, BenchWorkers workers, BenchAdmins admins,
            BindingsAsActor bindings, BindingBackdating backdating, Clock clock) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.workers = workers;
        this.admins = admins;
        this.bindings = bindings;
        this.backdating = backdating;
        this.clock = clock;
    }

    public void run() {
        long started = System.nanoTime();
        long total = (long) plan.bindingsPerTenant() * plan.tenants();
        AtomicLong done = new AtomicLong();
        AtomicLong made = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        String expiresAt = clock.instant().plus(Duration.ofDays(40)).toString();
        workers.run(6, plan.tenants(), slice -> {
            int t = slice + 1;
            TenantId tenant = admins.tenantOf(t);
            if (bindings.activeMadeBy(tenant, BenchPlan.LOADER) >= plan.bindingsPerTenant()) {
                done.addAndGet(plan.bindingsPerTenant());
                return;
            }
            for (int i = 0; i < plan.bindingsPerTenant(); i++) {
                if (bindings.tryBind(tenant, BenchPlan.LOADER, new BindingInput("AXB", plan.a(t, i), plan.b(t, i),
                        null, Long.toString(plan.x(t, i)), null, expiresAt, "BOTH", true, null))) {
                    made.incrementAndGet();
                } else {
                    // expected only where a binding left by an interrupted load holds this X; counted, so others show
                    refused.incrementAndGet();
                }
                if (done.incrementAndGet() % 20_000 == 0) {
                    seedLog.progress("bindings", done.get(), total, started);
                }
            }
        });
        backdating.backdateMadeBy(BenchPlan.LOADER, clock.instant().minus(Duration.ofDays(1)), HISTORY);
        if (made.get() > 0) {
            seedLog.done("bindings", made.get(), started);
        }
        if (refused.get() > 0) {
            seedLog.progress("bindings-refused", refused.get(), total, started);
        }
    }
}
