package cn.np700.portal.security;

import java.io.Serial;
import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords lately for this username, this address or both: refused before the password is checked. */
class SignInThrottledException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    SignInThrottledException() {
        super("try again later");
    }
}
