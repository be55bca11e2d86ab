package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserEvents;
import cn.np700.portal.tenancy.tenants.Tenant;
import cn.np700.portal.tenancy.tenants.TenantForm;
import cn.np700.portal.tenancy.tenants.Tenants;
import java.time.Clock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The benchmark's enterprises, each with an admin who signs in with the demo password. */
@Component
@Order(110)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchTenants implements ApplicationRunner {

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final Tenants tenants;
    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    BenchTenants(BenchPlan plan, BenchSeedLog seedLog, Tenants tenants, UserAccounts users, PasswordEncoder encoder,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.tenants = tenants;
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.findByUsername(plan.admin(plan.tenants())).isPresent()) {
            return;
        }
        long started = System.nanoTime();
        String hash = encoder.encode(DemoData.PASSWORD);
        tx.executeWithoutResult(status -> {
            for (int t = 1; t <= plan.tenants(); t++) {
                String first17 = String.format("91110000MA0000%03d", t);
                String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
                Tenant tenant = tenants.save(Tenant.create(new TenantForm(plan.enterprise(t), code,
                        BusinessCategory.FOOD_DELIVERY.name(), "100000000", "压测联系人", "13800000000", null, null),
                        clock.instant()));
                events.publishEvent(new DemoData.SystemEvent(new TenantCreated(TenantId.orNull(tenant.id()), tenant.name(), code,
                        tenant.category())));
                UserAccount admin = users.save(UserAccount.create(TenantId.of(tenant.id()), plan.admin(t),
                        String.format("压测管理员%02d", t), hash, Role.ENTERPRISE_ADMIN, false, clock.instant()));
                events.publishEvent(new DemoData.SystemEvent(UserEvents.created(admin)));
            }
        });
        seedLog.done("tenants", plan.tenants(), started);
    }
}
