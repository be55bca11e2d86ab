package cn.np700.portal.tenancy;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who holds which role, for modules that address people (notifications) without reading the user table. */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled users of a tenant (or, for a null tenant, the platform's operators) in any of these roles. */
    public List<Long> enabledUsers(Long tenantId, Collection<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM user_account WHERE tenant_id <=> ? AND enabled = TRUE AND role IN ("
                        + String.join(",", java.util.Collections.nCopies(roles.size(), "?")) + ") ORDER BY id")
                .params(java.util.stream.Stream.concat(java.util.stream.Stream.of((Object) tenantId),
                        roles.stream().map(Role::name)).toList())
                .query(Long.class).list();
    }
}
