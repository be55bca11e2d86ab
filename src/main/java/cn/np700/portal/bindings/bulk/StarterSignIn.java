package cn.np700.portal.bindings.bulk;

import cn.np700.portal.runs.Run;
import cn.np700.portal.tenancy.ApiClient;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A run's lines are applied on a worker thread, signed in as whoever started the run (the portal user or the API
 * key), so the audit trail names them for each binding as it would for a single request.
 */
@Component
class StarterSignIn {

    private final UserDetailsService users;

    StarterSignIn(UserDetailsService users) {
        this.users = users;
    }

    /** The starter's sign-in, found once per claim of the run; null when the user is gone (the audit then says system). */
    Authentication of(Run run, StoredFile file) {
        if (file.apiKeyId() != null) {
            ApiClient client = new ApiClient(run.tenant().orElseThrow(), file.apiKeyId(), file.apiKeyName());
            return UsernamePasswordAuthenticationToken.authenticated(client, null, List.of());
        }
        try {
            UserDetails user = users.loadUserByUsername(run.startedBy().name());
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    <T> T as(Authentication starter, Supplier<T> work) {
        if (starter == null) {
            return work.get();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(starter);
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
