package cn.np700.portal.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Signs a MockMvc request in as a real account, with the same principal a form login would create. */
public final class TestLogins {

    private TestLogins() {
    }

    public static RequestPostProcessor as(LoginAccounts accounts, String username) {
        return user(PortalUserDetails.of(accounts.find(username).orElseThrow(), Clock.systemUTC()).withPasswordChanged());
    }
}
