package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BenchPlan;
import cn.np700.portal.tenancy.BenchSeedLog;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The benchmark's blocks: imported into the inventory, then requested by each bench enterprise and approved by two
 * operators (the four-eyes path), each tenant getting its own consecutive codes. Quotas are raised first, as an
 * operator would for an enterprise of that size.
 */
@Component
@Order(210)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchNumbers implements ApplicationRunner {

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final JdbcClient jdbc;
    private final LoginAccounts accounts;
    private final InventoryImport imports;
    private final RequestSubmission submission;
    private final RequestDecisions decisions;
    private final Quotas quotas;
    private final DisplayDays days;

    BenchNumbers(BenchPlan plan, BenchSeedLog seedLog, JdbcClient jdbc, LoginAccounts accounts, InventoryImport imports,
            RequestSubmission submission, RequestDecisions decisions, Quotas quotas, DisplayDays days) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.imports = imports;
        this.submission = submission;
        this.decisions = decisions;
        this.quotas = quotas;
        this.days = days;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ?").param(BenchPlan.FIRST_BLOCK)
                .query(Long.class).single() == 0) {
            long started = System.nanoTime();
            long last = BenchPlan.FIRST_BLOCK + (long) plan.blocksPerTenant() * plan.tenants() - 1;
            imports.run(List.of(new ImportLine(1, BenchPlan.FIRST_BLOCK + "-" + last, "工信部码号〔2026〕0900号",
                    days.today().minusDays(90).toString())), InventoryImport.Source.CSV);
            seedLog.done("blocks-imported", last - BenchPlan.FIRST_BLOCK + 1, started);
        }
        CurrentUser operator = user("operator");
        CurrentUser reviewer = user("reviewer");
        long started = System.nanoTime();
        int allocated = 0;
        for (int t = 1; t <= plan.tenants(); t++) {
            CurrentUser admin = user(plan.admin(t));
            long tenantId = admin.tenantId();
            if (jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ? AND tenant_id = ?")
                    .params(plan.firstBlock(t), tenantId).query(Long.class).single() > 0) {
                continue;
            }
            quotas.change(TenantId.of(tenantId), new QuotaOverrides(plan.blocksPerTenant(), 5_000_000, 5_000_000, null,
                    (int) Duration.ofDays(60).toMinutes(), 1_000, 0));
            long request = submission.submit(admin, new RequestForm(Integer.toString(plan.blocksPerTenant()),
                    "FOOD_DELIVERY", "100000000", "压测：外卖骑手与顾客之间的通话保护，全国范围的号码需求。"));
            long firstCode = plan.firstBlock(t);
            List<Long> codes = LongStream.range(0, plan.blocksPerTenant()).mapToObj(n -> firstCode + n).toList();
            if (decisions.approve(operator, request, plan.blocksPerTenant(), codes)
                    == RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED) {
                decisions.approve(reviewer, request, plan.blocksPerTenant(), codes);
            }
            allocated += plan.blocksPerTenant();
            seedLog.progress("blocks-allocated", allocated, (long) plan.blocksPerTenant() * plan.tenants(), started);
        }
        if (allocated > 0) {
            seedLog.done("blocks-allocated", allocated, started);
        }
    }

    private CurrentUser user(String username) {
        return accounts.find(username).map(LoginAccount::toCurrentUser).orElseThrow();
    }
}
