package cn.np700.portal.security;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import java.io.Serial;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal kept in the session: the current user plus the flags sign-in checks. */
public final class PortalUserDetails implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final CurrentUser user;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;
    private final boolean tenantActive;
    private final boolean mustChangePassword;

    private PortalUserDetails(CurrentUser user, String passwordHash, boolean enabled, boolean locked,
            boolean tenantActive, boolean mustChangePassword) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
        this.tenantActive = tenantActive;
        this.mustChangePassword = mustChangePassword;
    }

    static PortalUserDetails of(LoginAccount account, Clock clock) {
        boolean locked = account.lockedUntil() != null && account.lockedUntil().isAfter(clock.instant());
        return new PortalUserDetails(account.toCurrentUser(), account.passwordHash(), account.enabled(), locked,
                account.tenantActive(), account.mustChangePassword());
    }

    PortalUserDetails withPasswordChanged() {
        return new PortalUserDetails(user, null, enabled, locked, tenantActive, false);
    }

    public CurrentUser currentUser() {
        return user;
    }

    boolean tenantActive() {
        return tenantActive;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
