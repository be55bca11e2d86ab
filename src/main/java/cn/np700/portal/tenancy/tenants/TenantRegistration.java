package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TenantCreated;
import cn.np700.portal.tenancy.accounts.DuplicateValueException;
import cn.np700.portal.tenancy.accounts.NewAccount;
import cn.np700.portal.tenancy.accounts.OneTimePasswords;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserEvents;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a tenant together with its first ENTERPRISE_ADMIN, in one transaction. */
@Service
public class TenantRegistration {

    private final Tenants tenants;
    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantRegistration(Tenants tenants, UserAccounts users, PasswordEncoder encoder, ApplicationEventPublisher events,
            Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    public record Registered(Tenant tenant, NewAccount admin) {
    }

    @RetryOnTransientFailure
    @Transactional
    public Registered register(TenantForm form) {
        try {
            Tenant tenant = tenants.save(Tenant.create(form, clock.instant()));
            events.publishEvent(new TenantCreated(TenantId.orNull(tenant.id()), tenant.name(), tenant.creditCode(), tenant.category()));
            String password = OneTimePasswords.generate();
            UserAccount admin = users.save(UserAccount.create(TenantId.of(tenant.id()), form.adminUsername(), form.adminDisplayName(),
                    encoder.encode(password), Role.ENTERPRISE_ADMIN, true, clock.instant()));
            events.publishEvent(UserEvents.created(admin));
            return new Registered(tenant, new NewAccount(admin.id(), admin.username(), password));
        } catch (DuplicateKeyException e) {
            throw DuplicateValueException.from(e);
        }
    }
}
