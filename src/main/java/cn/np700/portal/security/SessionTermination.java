package cn.np700.portal.security;

import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.TenantStatusChanged;
import cn.np700.portal.tenancy.UserChanged;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Signs users out everywhere when they lose access: disabled, role changed, password reset by an admin,
 * or their enterprise suspended or terminated. Without this a session would outlive the decision.
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
            endSessionsOf(event.username());
        }
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
