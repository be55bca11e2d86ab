package cn.np700.portal.security;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.tenancy.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Tells the audit trail who acts: the signed-in user, or an API key (named {@code api:<key name>}, with its tenant);
 * with neither, the system (jobs, start-up).
 */
@Component
class SecurityAuditActors implements AuditActorProvider {

    @Override
    public AuditActor currentActor() {
        CurrentUser user = CurrentUserResolver.current();
        if (user != null) {
            return user.asActor();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ApiClient client) {
            return new AuditActor(client.actorName(), null, client.tenant());
        }
        return AuditActor.SYSTEM;
    }
}
