package cn.np700.portal.calls.statistics;

import cn.np700.portal.tenancy.TenantDirectory;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The platform's call statistics: every tenant's figures side by side (calls, answer rate, average duration, share),
 * and the daily charts for the whole platform or for one tenant.
 */
@Controller
class OperatorCallStatisticsController {

    private final StatisticsModel statistics;
    private final CallStatistics figures;
    private final TenantDirectory tenants;

    OperatorCallStatisticsController(StatisticsModel statistics, CallStatistics figures, TenantDirectory tenants) {
        this.statistics = statistics;
        this.figures = figures;
        this.tenants = tenants;
    }

    @GetMapping("/operator/calls/statistics")
    String show(@RequestParam(required = false) String days, @RequestParam(required = false) String tenant,
            Model model) {
        StatsPeriod period = statistics.period(days);
        Long tenantId = tenant != null && tenant.trim().matches("\\d{1,18}") ? Long.valueOf(tenant.trim()) : null;
        if (tenant != null && !tenant.isBlank() && tenantId == null) {
            model.addAttribute("tenantProblem", "binding.filter.tenant");
        }
        statistics.fill(tenantId, period, model);
        List<TenantFigures> comparison = figures.perTenant(period);
        model.addAttribute("comparison", comparison);
        model.addAttribute("totalsAll", comparison.stream().map(TenantFigures::figures)
                .reduce(DayFigures.empty(null), DayFigures::plus));
        model.addAttribute("tenantNames", tenants.names());
        model.addAttribute("tenant", tenant);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("operator", true);
        model.addAttribute("basePath", "/operator/calls/statistics");
        return "calls/statistics";
    }
}
