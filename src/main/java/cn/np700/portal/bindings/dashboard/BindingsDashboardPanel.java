package cn.np700.portal.bindings.dashboard;

import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A tenant sees its bindings against its quotas and a week of creations; operators the busiest tenants. */
@Component
class BindingsDashboardPanel implements DashboardPanel {

    private final BindingStats stats;
    private final BindingLedger ledger;
    private final Quotas quotas;
    private final Clock clock;

    BindingsDashboardPanel(BindingStats stats, BindingLedger ledger, Quotas quotas, Clock clock) {
        this.stats = stats;
        this.ledger = ledger;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public Optional<Panel> panelFor(CurrentUser user) {
        if (user.role().isOperatorSide()) {
            return Optional.of(new Panel("bindings/panels", "operator", Map.of("busiest", stats.busiestTenants(10))));
        }
        TenantId tenantId = user.tenant();
        TenantQuota quota = quotas.of(tenantId);
        BindingLedger.Usage now = ledger.usage(tenantId, clock.instant());
        return Optional.of(new Panel("bindings/panels", "enterprise", Map.of("quota", quota, "live", now.live(),
                "today", now.createdToday(), "expiringSoon", stats.expiringWithin(tenantId, Duration.ofHours(1)),
                "perDay", stats.createdPerDay(tenantId, 7))));
    }
}
