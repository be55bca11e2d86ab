package cn.np700.portal.seed.bench;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.seed.demo.DemoData;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.SystemMadeAccounts;
import cn.np700.portal.tenancy.UnifiedSocialCreditCode;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The benchmark's enterprises, each with an admin who signs in with the demo password. */
@Component
public class BenchTenants {

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final LoginAccounts accounts;
    private final SystemMadeAccounts made;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;

    BenchTenants(BenchPlan plan, BenchSeedLog seedLog, LoginAccounts accounts, SystemMadeAccounts made,
            PasswordEncoder encoder, TransactionTemplate tx) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.accounts = accounts;
        this.made = made;
        this.encoder = encoder;
        this.tx = tx;
    }

    public void run() {
        if (accounts.find(plan.admin(plan.tenants())).isPresent()) {
            return;
        }
        long started = System.nanoTime();
        String hash = encoder.encode(DemoData.PASSWORD);
        tx.executeWithoutResult(status -> {
            for (int t = 1; t <= plan.tenants(); t++) {
                String first17 = String.format("91110000MA0000%03d", t);
                TenantId tenant = made.createTenant(plan.enterprise(t),
                        first17 + UnifiedSocialCreditCode.checkCharacter(first17), BusinessCategory.FOOD_DELIVERY,
                        100_000_000, "压测联系人", "13800000000");
                made.createUser(Optional.of(tenant), plan.admin(t), String.format("压测管理员%02d", t), hash,
                        Role.ENTERPRISE_ADMIN);
            }
        });
        seedLog.done("tenants", plan.tenants(), started);
    }
}
