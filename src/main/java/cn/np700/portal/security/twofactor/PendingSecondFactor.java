package cn.np700.portal.security.twofactor;

import cn.np700.portal.security.PortalUserDetails;
import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The principal of a session whose password was right but whose second factor is still missing. It carries only the
 * MFA_PENDING authority, which opens /login/code and /login/enrol and nothing else, and is not a {@link
 * PortalUserDetails}, so nothing that asks for the current user finds one.
 */
public record PendingSecondFactor(PortalUserDetails user) implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String AUTHORITY = "MFA_PENDING";
    public static final List<SimpleGrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority(AUTHORITY));

    static PendingSecondFactor of(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof PendingSecondFactor pending ? pending : null;
    }

    @Override
    public String getName() {
        return user.getUsername();
    }
}
