package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.tenants.TenantQueries;
import cn.np700.portal.tenancy.tenants.Tenants;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks tenants up for other modules, without handing out the aggregate. */
@Component
public class TenantDirectory {

    private final Tenants tenants;
    private final TenantQueries queries;
    private final JdbcClient jdbc;

    TenantDirectory(Tenants tenants, TenantQueries queries, JdbcClient jdbc) {
        this.tenants = tenants;
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /**
     * Whether the tenant is active, read with a shared lock inside the caller's transaction, so that a suspension
     * cannot commit between this answer and the caller's own commit.
     */
    public boolean activeAndLocked(TenantId tenant) {
        return jdbc.sql("SELECT status FROM tenant WHERE id = ? LOCK IN SHARE MODE").param(tenant).query(String.class)
                .optional().map("ACTIVE"::equals).orElse(false);
    }

    public Optional<TenantFacts> find(TenantId tenant) {
        return tenants.findById(tenant.value()).map(t -> new TenantFacts(t.id(), t.name(), t.category(), t.dailyOrderVolume(),
                t.status()));
    }

    /** Every tenant's name by id, in name order. */
    public Map<Long, String> names() {
        return queries.all();
    }
}
