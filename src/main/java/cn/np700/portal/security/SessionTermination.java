package cn.np700.portal.security;

import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.TenantStatusChanged;
import cn.np700.portal.tenancy.UserChanged;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Signs users out everywhere when they lose access or a credential changes: disabled, role changed, password reset
 * by an admin or changed by the user (all but the session that changed it), or their enterprise suspended or
 * terminated. Without this a session would outlive the decision, or the old password's holder keep the account.
 */
@Component
class SessionTermination {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final LoginAccounts accounts;

    SessionTermination(FindByIndexNameSessionRepository<? extends Session> sessions, LoginAccounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @EventListener
    void on(UserChanged event) {
        if (event.endsSessions()) {
            String kept = event.keepsCurrentSession() ? currentSessionId() : null;
            sessions.findByPrincipalName(event.username()).keySet().stream().filter(id -> !id.equals(kept))
                    .forEach(sessions::deleteById);
        }
    }

    private static String currentSessionId() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getSession(false) != null
                ? attributes.getRequest().getSession(false).getId() : null;
    }

    @EventListener
    void on(TenantStatusChanged event) {
        if (event.to() != TenantStatus.ACTIVE) {
            accounts.usernamesOfTenant(event.tenantId()).forEach(this::endSessionsOf);
        }
    }

    private void endSessionsOf(String username) {
        sessions.findByPrincipalName(username).keySet().forEach(sessions::deleteById);
    }
}
