package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskAlert;
import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.web.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** An enterprise's own alerts, read only; another tenant's alert answers 404. */
@Controller
@RequestMapping("/risk/alerts")
class TenantRiskController {

    private final RiskAlerts alerts;

    TenantRiskController(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    String list(@ModelAttribute("filter") RiskAlertFilter filter, Scope.Tenant scope, Model model) {
        List<RiskAlert> rows = alerts.page(filter, scope, TenantFilter.ANY, filter.pageIndex() * RiskAlertController.PAGE,
                RiskAlertController.PAGE + 1);
        model.addAttribute("alerts", rows.stream().limit(RiskAlertController.PAGE).toList());
        model.addAttribute("hasNext", rows.size() > RiskAlertController.PAGE);
        model.addAttribute("pageIndex", filter.pageIndex());
        model.addAttribute("rules", RiskRuleCode.values());
        model.addAttribute("operator", false);
        return "risk/alerts";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Scope.Tenant scope, Model model) {
        model.addAttribute("alert", alerts.find(scope, id)
                .orElseThrow(() -> new NotFoundException("risk alert " + id)));
        model.addAttribute("operator", false);
        return "risk/alert";
    }
}
