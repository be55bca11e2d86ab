package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's contact mobile in full, for the operator admin who asked: the pages show it masked, and each reveal
 * is on the audit trail before the number is shown (the security rules keep the reveal to operator admins).
 */
@Component
class TenantContactReveal {

    private final TenantAdministration administration;
    private final ApplicationEventPublisher events;

    TenantContactReveal(TenantAdministration administration, ApplicationEventPublisher events) {
        this.administration = administration;
        this.events = events;
    }

    @RetryOnTransientFailure
    @Transactional
    Tenant reveal(long id) {
        Tenant tenant = administration.get(id);
        events.publishEvent(new TenantContactRevealed(TenantId.orNull(tenant.id()), tenant.maskedContactMobile()));
        return tenant;
    }
}
