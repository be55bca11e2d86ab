package cn.np700.portal.security;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.tenancy.CurrentUser;
import org.springframework.stereotype.Component;

/** Tells the audit trail who is signed in; without a signed-in user the system is the actor (jobs, start-up). */
@Component
class SecurityAuditActors implements AuditActorProvider {

    @Override
    public AuditActor currentActor() {
        CurrentUser user = CurrentUserResolver.current();
        return user == null ? AuditActor.SYSTEM : new AuditActor(user.username(), user.userId(), user.tenantId());
    }
}
