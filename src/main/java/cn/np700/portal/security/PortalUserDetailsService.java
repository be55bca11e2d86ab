package cn.np700.portal.security;

import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class PortalUserDetailsService implements UserDetailsService {

    private final LoginAccounts accounts;
    private final Clock clock;

    PortalUserDetailsService(LoginAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username).map(a -> PortalUserDetails.of(a, clock))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
