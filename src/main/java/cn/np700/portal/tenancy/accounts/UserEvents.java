package cn.np700.portal.tenancy.accounts;

import cn.np700.portal.tenancy.UserChanged;
import java.util.HashMap;
import java.util.Map;

/** Builds the {@link UserChanged} events, so every one carries the username and role the same way. */
public final class UserEvents {

    private UserEvents() {
    }

    public static UserChanged created(UserAccount user) {
        return of(UserChanged.Kind.USER_CREATED, user, Map.of());
    }

    public static UserChanged of(UserChanged.Kind kind, UserAccount user, Map<String, Object> extra) {
        Map<String, Object> details = new HashMap<>(extra);
        details.put("username", user.username());
        details.put("role", user.role().name());
        return new UserChanged(kind, user.id(), user.tenantId(), user.username(), details);
    }
}
