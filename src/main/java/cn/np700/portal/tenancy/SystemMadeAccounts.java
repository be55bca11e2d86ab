package cn.np700.portal.tenancy;

import cn.np700.portal.tenancy.tenants.Tenants;
import cn.np700.portal.tenancy.tenants.TenantForm;
import cn.np700.portal.tenancy.tenants.Tenant;
import cn.np700.portal.tenancy.accounts.UserEvents;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Enterprises and users made by the system itself (demo and benchmark data), not by a signed-in operator: the audit
 * trail names the system as their author. The caller hashes the password and holds the transaction.
 */
@Component
public class SystemMadeAccounts {

    private final Tenants tenants;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SystemMadeAccounts(Tenants tenants, UserAccounts users, ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    public TenantId createTenant(String name, String creditCode, BusinessCategory category, long dailyOrderVolume,
            String contactName, String contactMobile) {
        Tenant tenant = tenants.save(Tenant.create(new TenantForm(name, creditCode, category.name(),
                Long.toString(dailyOrderVolume), contactName, contactMobile, null, null), clock.instant()));
        events.publishEvent(new SystemEvent(new TenantCreated(TenantId.of(tenant.id()), tenant.name(), creditCode, category)));
        return TenantId.of(tenant.id());
    }

    /** A user of the platform (no tenant) or of an enterprise, enabled, not made to change the password. */
    public void createUser(Optional<TenantId> tenant, String username, String displayName, String passwordHash,
            Role role) {
        UserAccount user = users.save(UserAccount.create(tenant.orElse(null), username,
                displayName, passwordHash, role, false, clock.instant()));
        events.publishEvent(new SystemEvent(UserEvents.created(user)));
    }

    /** Made by the system, not by whoever happens to be signed in. */
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
