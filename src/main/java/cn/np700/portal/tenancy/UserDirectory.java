package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.SqlWhere;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who holds which role, for modules that address people (notifications) without reading the user table. */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The enabled users in any of these roles: of the tenant, or with no tenant the platform's operators (who belong
     * to none).
     */
    public List<Long> enabledUsers(Optional<TenantId> tenant, Collection<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        SqlWhere where = tenant.map(t -> new SqlWhere().and("tenant_id = ?", t))
                .orElseGet(() -> new SqlWhere().and("tenant_id IS NULL"))
                .and("enabled = TRUE")
                .and("role IN (" + String.join(",", Collections.nCopies(roles.size(), "?")) + ")",
                        roles.stream().map(Role::name).toArray());
        return jdbc.sql("SELECT id FROM user_account" + where.sql() + " ORDER BY id").params(where.params())
                .query(Long.class).list();
    }
}
