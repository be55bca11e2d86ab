package cn.np700.portal.tenancy.home;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DashboardPanel;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.tenants.TenantAdministration;
import cn.np700.portal.tenancy.tenants.TenantQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: platform figures for operators, the enterprise's own standing for its users. */
@Controller
class DashboardController {

    private final TenantQueries queries;
    private final TenantAdministration tenants;
    private final List<DashboardPanel> panels;

    DashboardController(TenantQueries queries, TenantAdministration tenants, List<DashboardPanel> panels) {
        this.queries = queries;
        this.tenants = tenants;
        this.panels = panels;
    }

    @GetMapping("/")
    String dashboard(CurrentUser user, Model model) {
        if (user.role().isOperatorSide()) {
            Map<TenantStatus, Long> byStatus = queries.countByStatus();
            model.addAttribute("byStatus", byStatus);
            model.addAttribute("statusChart", chart(byStatus));
            model.addAttribute("volumeChart", chart(queries.volumeByCategory()));
        } else {
            model.addAttribute("tenant", tenants.get(user.tenant().value()));
        }
        model.addAttribute("panels", panels.stream().flatMap(p -> p.panelFor(user).stream()).toList());
        return "tenancy/dashboard";
    }

    /** Labels are enum names; the page turns them into words through the message bundle. */
    private static ChartData chart(Map<? extends Enum<?>, Long> values) {
        List<String> labels = new ArrayList<>();
        List<Long> data = new ArrayList<>();
        values.forEach((key, value) -> {
            labels.add(key.name());
            data.add(value);
        });
        return new ChartData(labels, data);
    }

    record ChartData(List<String> labels, List<Long> values) {
    }
}
