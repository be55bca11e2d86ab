package cn.np700.portal.risk.alerts;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import cn.np700.portal.tenancy.Role;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Open risk alerts, and how many of them are of high severity: for operators all, for an enterprise admin its own. */
@Component
class RiskDashboardPanel implements DashboardPanel {

    private final JdbcClient jdbc;

    RiskDashboardPanel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Open(long alerts, long high) {
    }

    @Override
    public Optional<Panel> panelFor(CurrentUser user) {
        String open = "SELECT COUNT(*), COALESCE(SUM(severity = 'HIGH'), 0) FROM risk_alert "
                + "WHERE status IN ('OPEN', 'ACKNOWLEDGED')";
        if (user.role().isOperatorSide()) {
            Open counts = jdbc.sql(open).query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2))).single();
            return Optional.of(new Panel("risk/panels", "operator", Map.of("open", counts)));
        }
        if (user.role() != Role.ENTERPRISE_ADMIN) {
            return Optional.empty();
        }
        Open counts = jdbc.sql(open + " AND tenant_id = ?").param(user.tenant())
                .query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2))).single();
        return Optional.of(new Panel("risk/panels", "enterprise", Map.of("open", counts)));
    }
}
