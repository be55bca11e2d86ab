package cn.np700.portal.verification;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BenchPlan;
import cn.np700.portal.tenancy.BenchSeedLog;
import cn.np700.portal.tenancy.BenchWorkers;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every A and B of the benchmark's bindings verified through the real check (the simulator answers VERIFIED). */
@Component
@Order(250)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchParties implements ApplicationRunner {

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final RealNameVerification verification;
    private final JdbcClient jdbc;

    BenchParties(BenchPlan plan, BenchSeedLog seedLog, RealNameVerification verification, JdbcClient jdbc,
            BenchWorkers workers) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.verification = verification;
        this.jdbc = jdbc;
        this.workers = workers;
    }

    @Override
    public void run(ApplicationArguments args) {
        long total = 2L * plan.partiesPerTenant() * plan.tenants();
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        workers.run(4, plan.tenants(), slice -> {
            int t = slice + 1;
            long tenantId = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = ?").param(plan.admin(t))
                    .query(Long.class).single();
            long have = jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ? AND checked_by = ?")
                    .params(tenantId, BenchPlan.LOADER).query(Long.class).single();
            if (have >= 2L * plan.partiesPerTenant()) {
                return;
            }
            for (int k = 0; k < plan.partiesPerTenant(); k++) {
                for (String mobile : new String[] {plan.a(t, k), plan.b(t, k)}) {
                    if (verification.currentlyVerified(TenantId.of(tenantId), mobile).isEmpty()) {
                        verification.check(TenantId.of(tenantId), BenchPlan.LOADER, VerificationSource.API,
                                new RealNameVerification.Subject(mobile, null, null));
                    }
                    if (done.incrementAndGet() % 20_000 == 0) {
                        seedLog.progress("parties-verified", done.get(), total, started);
                    }
                }
            }
        });
        if (done.get() > 0) {
            seedLog.done("parties-verified", done.get(), started);
        }
    }
}
