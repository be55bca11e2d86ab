package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Operators see the inventory and the queue on their dashboard; a tenant its numbers and its latest decisions. */
@Component
class NumbersDashboardPanel implements DashboardPanel {

    private final BlockQueries blocks;
    private final NumberRequests requests;
    private final PoolQueries pool;
    private final Quotas quotas;

    NumbersDashboardPanel(BlockQueries blocks, NumberRequests requests, PoolQueries pool, Quotas quotas) {
        this.blocks = blocks;
        this.requests = requests;
        this.pool = pool;
        this.quotas = quotas;
    }

    @Override
    public Optional<Panel> panelFor(CurrentUser user) {
        if (user.role().isOperatorSide()) {
            return Optional.of(new Panel("numbers/panels", "operator", Map.of("counts", blocks.countByStatus(),
                    "openRequests", requests.open().size())));
        }
        TenantId tenantId = user.tenant();
        return Optional.of(new Panel("numbers/panels", "enterprise", Map.of("quota", quotas.of(tenantId),
                "numberCount", pool.totals(tenantId).numbers(), "requests", requests.ofTenant(tenantId, 5))));
    }
}
