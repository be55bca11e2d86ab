package cn.np700.portal.security;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;

/**
 * Checked only after the right password: until then a locked, disabled or suspended account answers exactly like a
 * wrong password or an unknown username, so nobody learns which usernames exist; whoever knows the password is told why.
 */
final class AccountStatusChecks implements UserDetailsChecker {

    @Override
    public void check(UserDetails user) {
        if (!user.isAccountNonLocked()) {
            throw new LockedException("locked");
        }
        if (!user.isEnabled()) {
            throw new DisabledException("disabled");
        }
        if (user instanceof PortalUserDetails portal && !portal.tenantActive()) {
            throw new TenantSuspendedException();
        }
    }
}
