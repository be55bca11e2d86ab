package cn.np700.portal.seed.bench;

import cn.np700.portal.numbers.NumberOperations;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.springframework.stereotype.Component;

/**
 * The benchmark's blocks: imported into the inventory, then requested by each bench enterprise and approved by two
 * operators (the four-eyes path), each tenant getting its own consecutive codes. Quotas are raised first, as an
 * operator would for an enterprise of that size.
 */
@Component
public class BenchNumbers {

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchAdmins admins;
    private final NumberOperations numbers;

    BenchNumbers(BenchPlan plan, BenchSeedLog seedLog, BenchAdmins admins, NumberOperations numbers) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.admins = admins;
        this.numbers = numbers;
    }

    public void run() {
        if (!numbers.blockExists(BenchPlan.FIRST_BLOCK)) {
            long started = System.nanoTime();
            long last = BenchPlan.FIRST_BLOCK + (long) plan.blocksPerTenant() * plan.tenants() - 1;
            numbers.importGrants(List.of(new NumberOperations.Grant(BenchPlan.FIRST_BLOCK + "-" + last,
                    "工信部码号〔2026〕0900号", numbers.today().minusDays(90))));
            seedLog.done("blocks-imported", last - BenchPlan.FIRST_BLOCK + 1, started);
        }
        CurrentUser operator = admins.user("operator");
        CurrentUser reviewer = admins.user("reviewer");
        long started = System.nanoTime();
        int allocated = 0;
        for (int t = 1; t <= plan.tenants(); t++) {
            CurrentUser admin = admins.admin(t);
            TenantId tenant = admin.tenant();
            if (numbers.blockHeldBy(plan.firstBlock(t), tenant)) {
                continue;
            }
            numbers.setLimits(tenant, plan.blocksPerTenant(), 5_000_000, 5_000_000, Duration.ofDays(60), 1_000);
            long request = numbers.request(admin, plan.blocksPerTenant(), "FOOD_DELIVERY", 100_000_000,
                    "压测：外卖骑手与顾客之间的通话保护，全国范围的号码需求。");
            long firstCode = plan.firstBlock(t);
            List<Long> codes = LongStream.range(0, plan.blocksPerTenant()).mapToObj(n -> firstCode + n).toList();
            if (numbers.approve(operator, request, plan.blocksPerTenant(), codes)) {
                numbers.approve(reviewer, request, plan.blocksPerTenant(), codes);
            }
            allocated += plan.blocksPerTenant();
            seedLog.progress("blocks-allocated", allocated, (long) plan.blocksPerTenant() * plan.tenants(), started);
        }
        if (allocated > 0) {
            seedLog.done("blocks-allocated", allocated, started);
        }
    }
}
