package cn.np700.portal.calls.statistics;

import cn.np700.portal.calls.views.TenantNames;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.tenancy.TenantDirectory;
import java.util.List;
import java.util.Optional;
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
            Scope scope, Model model) {
        StatsPeriod period = statistics.period(days);
        Optional<TenantFilter> parsed = TenantFilter.parse(tenant);
        if (parsed.isEmpty()) {
            model.addAttribute("tenantProblem", "binding.filter.tenant");
        }
        TenantFilter filter = parsed.orElse(TenantFilter.ANY);
        statistics.fill(scope, filter, period, model);
        List<TenantFigures> comparison = figures.perTenant(scope, period);
        model.addAttribute("comparison", comparison);
        model.addAttribute("totalsAll", comparison.stream().map(TenantFigures::figures)
                .reduce(DayFigures.empty(null), DayFigures::plus));
        model.addAttribute("tenantNames", TenantNames.byId(tenants.names()));
        model.addAttribute("tenant", tenant);
        model.addAttribute("tenantId", filter.tenant().orElse(null));
        model.addAttribute("operator", true);
        model.addAttribute("basePath", "/operator/calls/statistics");
        return "calls/statistics";
    }
}
