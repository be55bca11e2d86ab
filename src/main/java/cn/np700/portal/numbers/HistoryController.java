package cn.np700.portal.numbers;

import cn.np700.portal.tenancy.TenantDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Traceability: the full chain of custody of a 15-digit number or an 11-digit block code. */
@Controller
class HistoryController {

    private final NumberHistory history;
    private final TenantDirectory tenants;

    HistoryController(NumberHistory history, TenantDirectory tenants) {
        this.history = history;
        this.tenants = tenants;
    }

    @GetMapping("/operator/history")
    String history(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            String digits = BlockCode.digitsOf(q);
            boolean shaped = UsageNumber.parse(q).isPresent() || BlockCode.parse(q).isPresent();
            if (!shaped) {
                model.addAttribute("queryProblem", digits.length() == 15 || digits.length() == 11
                        ? "history.query.not700" : "history.query.invalid");
            } else {
                history.lookUp(q).ifPresentOrElse(view -> model.addAttribute("view", view),
                        () -> model.addAttribute("queryProblem", "history.query.unknown"));
            }
        }
        model.addAttribute("tenantNames", tenants.names());
        return "numbers/history";
    }
}
