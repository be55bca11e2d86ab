package cn.np700.portal.bindings.dashboard;

import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import cn.np700.portal.tenancy.TenantSuspensions;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A banner on top of an enterprise's dashboard while the enterprise, any of its numbers or any of its live bindings is
 * suspended: calls to them are rejected, and the enterprise should not have to find that out from its customers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SuspensionsDashboardPanel implements DashboardPanel {

    private final TenantSuspensions tenants;
    private final NumberSuspensions numbers;
    private final JdbcClient jdbc;
    private final Clock clock;

    SuspensionsDashboardPanel(TenantSuspensions tenants, NumberSuspensions numbers, JdbcClient jdbc, Clock clock) {
        this.tenants = tenants;
        this.numbers = numbers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Panel> panelFor(CurrentUser user) {
        if (user.role().isOperatorSide()) {
            return Optional.empty();
        }
        TenantId tenantId = user.tenant();
        List<SuspensionReason> tenant = tenants.openReasons(tenantId);
        NumberSuspensions.SuspendedNumbers suspended = numbers.suspendedOf(tenantId);
        long bindings = jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status = 'SUSPENDED' AND expires_at > ?")
                .params(tenantId, Timestamp.from(clock.instant())).query(Long.class).single();
        if (tenant.isEmpty() && suspended.numbers() == 0 && bindings == 0) {
            return Optional.empty();
        }
        return Optional.of(new Panel("bindings/panels", "suspensions", Map.of("tenantReasons", tenant,
                "numbers", suspended.numbers(), "bindingsOnNumbers", suspended.liveBindings(), "bindings", bindings)));
    }
}
