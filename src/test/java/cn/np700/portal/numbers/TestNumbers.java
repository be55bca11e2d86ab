package cn.np700.portal.numbers;

import cn.np700.portal.numbers.inventory.ImportLine;
import cn.np700.portal.numbers.inventory.ImportReport;
import cn.np700.portal.numbers.inventory.InventoryImport;
import cn.np700.portal.numbers.requests.RequestForm;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.numbers.requests.RequestSubmission;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Object mother for number resources: fresh blocks recorded through the real import, tenants holding blocks through
 * the real request and approval, and live-binding counts seeded in SQL where a test needs only the counter.
 * Every block code it hands out comes from a random stretch of the 700 9xxx range no other test uses.
 */
@Component
public class TestNumbers {

    private static final long FIRST_FREE = 700_9000_0000L;
    private static final AtomicLong NEXT = new AtomicLong(FIRST_FREE + new SecureRandom().nextInt(8_000) * 1_000L);

    public static final String JUSTIFICATION = "外卖骑手与顾客之间的隐私通话，预计高峰期每日绑定量较大，需要号码资源。";

    private final InventoryImport imports;
    private final RequestSubmission submission;
    private final RequestDecisions decisions;
    private final LoginAccounts accounts;
    private final TestTenants tenants;
    private final JdbcClient jdbc;
    private final UserDetailsService userDetails;

    TestNumbers(InventoryImport imports, RequestSubmission submission, RequestDecisions decisions, LoginAccounts accounts,
            TestTenants tenants, JdbcClient jdbc, UserDetailsService userDetails) {
        this.imports = imports;
        this.submission = submission;
        this.decisions = decisions;
        this.accounts = accounts;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.userDetails = userDetails;
    }

    /** A tenant holding {@code blocks} blocks of its own, allocated on an approved request. */
    public record Holding(long tenantId, CurrentUser admin, long requestId, List<Long> codes) {

        public TenantId tenant() {
            return TenantId.of(tenantId);
        }

        public BlockCode block() {
            return BlockCode.of(codes.get(0));
        }

        public UsageNumber number(int suffix) {
            return new UsageNumber(codes.get(0) * BlockCode.NUMBERS_PER_BLOCK + suffix);
        }
    }

    /** The first code of {@code size} consecutive codes that no block has yet; the codes are this caller's alone. */
    public long freshCodes(int size) {
        long stride = Math.max(1_000L, (size + 999L) / 1_000L * 1_000L);
        while (true) {
            long first = NEXT.getAndAdd(stride);
            if (first + size - 1 > BlockCode.LAST) {
                throw new IllegalStateException("test code range exhausted");
            }
            if (blocksBetween(first, first + stride - 1) == 0) {
                return first;
            }
        }
    }

    /** Records {@code count} fresh consecutive blocks in the inventory through the real import; their codes. */
    public List<Long> importBlocks(int count) {
        long first = freshCodes(count);
        String codes = count == 1 ? Long.toString(first) : first + "-" + (first + count - 1);
        ImportReport report = imports.run(List.of(new ImportLine(1, codes, grantRef(), "2025-03-01")),
                count == 1 ? InventoryImport.Source.SINGLE : InventoryImport.Source.RANGE);
        if (!report.ok()) {
            throw new IllegalStateException("import failed: " + report.problems());
        }
        return LongStream.range(first, first + count).boxed().toList();
    }

    public static String grantRef() {
        return "工信部码号〔2025〕" + TestTenants.unique() + "号";
    }

    /** A fresh tenant's first admin, as the signed-in user. */
    public CurrentUser newTenantAdmin() {
        return user(tenants.tenant().adminUsername());
    }

    public CurrentUser user(String username) {
        return accounts.find(username).orElseThrow().toCurrentUser();
    }

    public CurrentUser operator() {
        return user("operator");
    }

    public CurrentUser reviewer() {
        return user("reviewer");
    }

    public static RequestForm form(int blocks) {
        return new RequestForm(Integer.toString(blocks), "FOOD_DELIVERY", "50000", JUSTIFICATION);
    }

    public long submit(CurrentUser admin, int blocks) {
        return submission.submit(admin, form(blocks));
    }

    /** A fresh tenant holding {@code blocks} fresh blocks, picked by hand and approved by the operator. */
    public Holding holding(int blocks) {
        List<Long> codes = importBlocks(blocks);
        CurrentUser admin = newTenantAdmin();
        long requestId = submit(admin, blocks);
        decisions.approve(operator(), requestId, blocks, codes);
        return new Holding(admin.tenant().value(), admin, requestId, codes);
    }

    /** What the binding module will keep: {@code live} live bindings on the number. */
    public void seedLiveBindings(UsageNumber number, int live) {
        int changed = jdbc.sql("UPDATE pool_number SET live_bindings = ?, ever_bound = TRUE WHERE number = ?")
                .params(live, number.value()).update();
        if (changed != 1) {
            throw new IllegalStateException(number + " is in no pool");
        }
    }

    public void clearLiveBindings(BlockCode code) {
        jdbc.sql("UPDATE pool_number SET live_bindings = 0 WHERE number BETWEEN ? AND ?")
                .params(code.firstNumber(), code.lastNumber()).update();
    }

    /** Runs {@code action} with {@code username} signed in on this thread (the real principal), so the audit trail names them. */
    public <T> T signedInAs(String username, Supplier<T> action) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    // ---- reads of what a test owns

    public long blocksBetween(long first, long last) {
        return jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code BETWEEN ? AND ?").params(first, last)
                .query(Long.class).single();
    }

    public BlockStatus status(long code) {
        return BlockStatus.valueOf(jdbc.sql("SELECT status FROM number_block WHERE code = ?").param(code)
                .query(String.class).single());
    }

    public Long holderOf(long code) {
        List<Long> holder = jdbc.sql("SELECT tenant_id FROM number_block WHERE code = ?").param(code).query(Long.class).list();
        return holder.isEmpty() ? null : holder.get(0);
    }

    public long blocksOf(TenantId tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM number_block WHERE tenant_id = ? AND status = 'ALLOCATED'").param(tenantId)
                .query(Long.class).single();
    }

    public List<Long> codesOf(TenantId tenantId) {
        return jdbc.sql("SELECT code FROM number_block WHERE tenant_id = ? ORDER BY code").param(tenantId)
                .query(Long.class).list();
    }

    public int blocksHeld(TenantId tenantId) {
        return jdbc.sql("SELECT blocks_held FROM tenant_quota WHERE tenant_id = ?").param(tenantId).query(Integer.class)
                .optional().orElse(0);
    }

    public long poolSize(TenantId tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    public long poolNumbersOf(BlockCode code) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE number BETWEEN ? AND ?")
                .params(code.firstNumber(), code.lastNumber()).query(Long.class).single();
    }

    public NumberStatus numberStatus(UsageNumber number) {
        return NumberStatus.valueOf(jdbc.sql("SELECT status FROM pool_number WHERE number = ?").param(number.value())
                .query(String.class).single());
    }

    public RequestStatus requestStatus(long requestId) {
        return RequestStatus.valueOf(jdbc.sql("SELECT status FROM number_request WHERE id = ?").param(requestId)
                .query(String.class).single());
    }

    public List<String> timeline(long requestId) {
        return jdbc.sql("SELECT step FROM number_request_event WHERE request_id = ? ORDER BY id").param(requestId)
                .query(String.class).list();
    }

    public long audits(String action, String targetType, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_type = ? AND target_id = ?")
                .params(action, targetType, targetId).query(Long.class).single();
    }

    public List<String> auditDetails(String action, String targetType, String targetId) {
        return jdbc.sql("SELECT details FROM audit_entry WHERE action = ? AND target_type = ? AND target_id = ? ORDER BY id")
                .params(action, targetType, targetId).query(String.class).list();
    }
}
