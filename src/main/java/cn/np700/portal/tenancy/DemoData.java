package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserEvents;
import cn.np700.portal.tenancy.tenants.Tenant;
import cn.np700.portal.tenancy.tenants.TenantForm;
import cn.np700.portal.tenancy.tenants.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo operators and two fictional enterprises, loaded once (when the operator account is missing) and
 * printed at every start, so a newcomer can sign in straight away.
 */
@Component
@Order(100) // before other modules' demo data, which builds on these tenants
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo700-portal";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DemoDataSetting setting;
    private final Tenants tenants;
    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoData(DemoDataSetting setting, Tenants tenants, UserAccounts users, PasswordEncoder encoder,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.setting = setting;
        this.tenants = tenants;
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    record DemoLogin(String username, Role role, String enterprise) {
    }

    static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("operator", Role.OPERATOR_ADMIN, null),
            new DemoLogin("reviewer", Role.OPERATOR_REVIEWER, null),
            new DemoLogin("auditor", Role.AUDITOR, null),
            new DemoLogin("kuaida-admin", Role.ENTERPRISE_ADMIN, "快达物流"),
            new DemoLogin("kuaida-agent", Role.ENTERPRISE_AGENT, "快达物流"),
            new DemoLogin("meiwei-admin", Role.ENTERPRISE_ADMIN, "美味外卖"),
            new DemoLogin("meiwei-agent", Role.ENTERPRISE_AGENT, "美味外卖"));

    @Override
    public void run(ApplicationArguments args) {
        if (!setting.enabled()) {
            return;
        }
        if (users.findByUsername("operator").isEmpty()) {
            tx.executeWithoutResult(status -> load());
        }
        StringBuilder banner = new StringBuilder("\n\n  Demo logins (password for all: " + PASSWORD + ")\n");
        LOGINS.forEach(l -> banner.append(String.format("    %-14s %-18s %s%n", l.username(), l.role(),
                l.enterprise() == null ? "" : l.enterprise())));
        log.info(banner.toString());
    }

    private void load() {
        String hash = encoder.encode(PASSWORD);
        Tenant kuaida = tenant("快达物流有限公司", "91310000MA1FL2XQ3", BusinessCategory.EXPRESS_LOGISTICS, 800_000,
                "陈晓明", "13800138001");
        Tenant meiwei = tenant("美味外卖科技有限公司", "91440300MA5G8T7K2", BusinessCategory.FOOD_DELIVERY, 1_500_000,
                "林佳怡", "13900139002");
        for (DemoLogin login : LOGINS) {
            Long tenantId = login.enterprise() == null ? null
                    : login.username().startsWith("kuaida") ? kuaida.id() : meiwei.id();
            String display = switch (login.username()) {
                case "operator" -> "平台管理员";
                case "reviewer" -> "号码审核员";
                case "auditor" -> "审计员";
                case "kuaida-admin" -> "快达管理员";
                case "kuaida-agent" -> "快达客服";
                case "meiwei-admin" -> "美味管理员";
                default -> "美味客服";
            };
            UserAccount user = users.save(UserAccount.create(TenantId.orNull(tenantId), login.username(), display, hash, login.role(),
                    false, clock.instant()));
            events.publishEvent(withSystemActor(UserEvents.created(user)));
        }
    }

    private Tenant tenant(String name, String first17, BusinessCategory category, long volume, String contact,
            String mobile) {
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        Tenant tenant = tenants.save(Tenant.create(new TenantForm(name, code, category.name(), Long.toString(volume),
                contact, mobile, null, null), clock.instant()));
        events.publishEvent(new SystemEvent(new TenantCreated(TenantId.orNull(tenant.id()), name, code, category)));
        return tenant;
    }

    private static SystemEvent withSystemActor(UserChanged event) {
        return new SystemEvent(event);
    }

    /** Demo data is loaded by the system, not by whoever happens to be signed in. */
    record SystemEvent(AuditableEvent inner) implements AuditableEvent {

        @Override
        public String action() {
            return inner.action();
        }

        @Override
        public String targetType() {
            return inner.targetType();
        }

        @Override
        public String targetId() {
            return inner.targetId();
        }

        @Override
        public TenantId tenantId() {
            return inner.tenantId();
        }

        @Override
        public Map<String, Object> details() {
            return inner.details();
        }

        @Override
        public Optional<AuditActor> actor() {
            return Optional.of(AuditActor.SYSTEM);
        }
    }
}
