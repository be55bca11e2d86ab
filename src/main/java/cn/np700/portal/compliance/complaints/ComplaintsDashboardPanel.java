package cn.np700.portal.compliance.complaints;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import cn.np700.portal.tenancy.Role;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Complaints where people work: operators see the open queue, an enterprise admin the complaints about its numbers
 * still open (agents do not see complaints).
 */
@Component
class ComplaintsDashboardPanel implements DashboardPanel {

    private final JdbcClient jdbc;

    ComplaintsDashboardPanel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Panel> panelFor(CurrentUser user) {
        if (user.role().isOperatorSide()) {
            long open = jdbc.sql("SELECT COUNT(*) FROM complaint WHERE status = 'OPEN'").query(Long.class).single();
            return Optional.of(new Panel("compliance/panels", "operator", Map.of("open", open)));
        }
        if (user.role() != Role.ENTERPRISE_ADMIN) {
            return Optional.empty();
        }
        long open = jdbc.sql("SELECT COUNT(*) FROM complaint WHERE tenant_id = ? AND status = 'OPEN'")
                .param(user.tenant()).query(Long.class).single();
        return Optional.of(new Panel("compliance/panels", "enterprise", Map.of("open", open)));
    }
}
