package cn.np700.portal.tenancy;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Looks tenants up for other modules, without handing out the aggregate. */
@Component
public class TenantDirectory {

    private final Tenants tenants;
    private final TenantQueries queries;

    TenantDirectory(Tenants tenants, TenantQueries queries) {
        this.tenants = tenants;
        this.queries = queries;
    }

    public Optional<TenantFacts> find(long tenantId) {
        return tenants.findById(tenantId).map(t -> new TenantFacts(t.id(), t.name(), t.category(), t.dailyOrderVolume(),
                t.status()));
    }

    /** Every tenant's name by id, in name order. */
    public Map<Long, String> names() {
        return queries.all();
    }
}
