package cn.np700.portal.security;

import org.springframework.security.authentication.AccountStatusException;

/** The account is fine but its enterprise is suspended or terminated: the login page says so. */
class TenantSuspendedException extends AccountStatusException {

    TenantSuspendedException() {
        super("tenant suspended");
    }
}
