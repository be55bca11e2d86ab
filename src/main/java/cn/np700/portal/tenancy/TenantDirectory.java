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
     * Whether the tenant is active, answered by a write to its row inside the caller's transaction (its
     * {@code active_checks} goes up only while it is ACTIVE): a suspension or termination committed at the same time
     * changes the same row, so on one node it waits for the caller's commit, and on a Galera cluster, where a read lock
     * would not reach the other nodes, one of the two fails certification and runs again.
     */
    public boolean activeAndLocked(TenantId tenant) {
        return jdbc.sql("UPDATE tenant SET active_checks = active_checks + 1 WHERE id = ? AND status = 'ACTIVE'")
                .param(tenant).update() == 1;
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
