package cn.np700.portal.calls.statistics;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An enterprise's call statistics for the last 7, 30 or 90 days, from the daily roll-ups. */
@Controller
class CallStatisticsController {

    private final StatisticsModel statistics;

    CallStatisticsController(StatisticsModel statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/calls/statistics")
    String show(@RequestParam(required = false) String days, Scope.Tenant scope, Model model) {
        statistics.fill(scope, TenantFilter.ANY, statistics.period(days), model);
        model.addAttribute("operator", false);
        model.addAttribute("basePath", "/calls/statistics");
        return "calls/statistics";
    }
}
