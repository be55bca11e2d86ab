package cn.np700.portal.seed.bench;

import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationCounts;
import cn.np700.portal.verification.VerificationSource;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Every A and B of the benchmark's bindings verified through the real check (the simulator answers VERIFIED), and
 * their consents recorded, so that the benchmark's bindings are made as an enterprise's would be.
 */
@Component
public class BenchParties {

    private static final ConsentInput CONSENT = new ConsentInput("APP", "bench", null);

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final BenchAdmins admins;
    private final RealNameVerification verification;
    private final VerificationCounts counts;
    private final Consents consents;

    BenchParties(BenchPlan plan, BenchSeedLog seedLog, BenchWorkers workers, BenchAdmins admins,
            RealNameVerification verification, VerificationCounts counts, Consents consents) {
        this.consents = consents;
        this.plan = plan;
        this.seedLog = seedLog;
        this.workers = workers;
        this.admins = admins;
        this.verification = verification;
        this.counts = counts;
    }

    public void run() {
        long total = 2L * plan.partiesPerTenant() * plan.tenants();
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        workers.run(4, plan.tenants(), slice -> {
            int t = slice + 1;
            TenantId tenant = admins.tenantOf(t);
            if (counts.checkedBy(tenant, BenchPlan.LOADER) >= 2L * plan.partiesPerTenant()
                    && consents.inForceRecordedBy(tenant, BenchPlan.LOADER) >= 2L * plan.partiesPerTenant()) {
                return;
            }
            for (int k = 0; k < plan.partiesPerTenant(); k++) {
                for (String mobile : new String[] {plan.a(t, k), plan.b(t, k)}) {
                    if (verification.currentlyVerified(tenant, mobile).isEmpty()) {
                        verification.check(tenant, BenchPlan.LOADER, VerificationSource.API,
                                new RealNameVerification.Subject(mobile, null, null));
                    }
                    consents.record(tenant, BenchPlan.LOADER, mobile, CONSENT, "BENCH");
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
