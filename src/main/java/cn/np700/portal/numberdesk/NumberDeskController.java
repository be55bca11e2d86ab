package cn.np700.portal.numberdesk;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.audit.AuditHistory;
import cn.np700.portal.audit.AuditHistory.Target;
import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.compliance.Complaints;
import cn.np700.portal.numbers.NumberDirectory;
import cn.np700.portal.numbers.NumberFacts;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.risk.NumberAlerts;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.tenancy.TenantFacts;
import cn.np700.portal.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One number for operators, found from the top bar's search. A number typed with spaces or dashes is accepted; a
 * malformed or unknown one is answered next to the search field, keeping what was typed.
 */
@Controller
class NumberDeskController {

    private static final int RECENT = 20;

    private final NumberDirectory numbers;
    private final TenantDirectory tenants;
    private final BindingHistory bindings;
    private final CallHistory calls;
    private final Complaints complaints;
    private final NumberAlerts alerts;
    private final AuditHistory audit;
    private final Clock clock;

    NumberDeskController(NumberDirectory numbers, TenantDirectory tenants, BindingHistory bindings, CallHistory calls,
            Complaints complaints, NumberAlerts alerts, AuditHistory audit, Clock clock) {
        this.numbers = numbers;
        this.tenants = tenants;
        this.bindings = bindings;
        this.calls = calls;
        this.complaints = complaints;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/operator/numbers")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        if (q == null || q.isBlank()) {
            return "numberdesk/search";
        }
        Optional<UsageNumber> number = UsageNumber.parse(q);
        if (number.isEmpty()) {
            model.addAttribute("queryProblem", "numberdesk.search.invalid");
            return "numberdesk/search";
        }
        if (numbers.facts(number.get()).isEmpty()) {
            model.addAttribute("queryProblem", "numberdesk.search.unknown");
            model.addAttribute("shown", number.get().display());
            return "numberdesk/search";
        }
        return "redirect:/operator/numbers/" + number.get().digits();
    }

    @GetMapping("/operator/numbers/{number:\\d{15}}")
    String show(@PathVariable String number, Scope scope, Model model) {
        UsageNumber x = UsageNumber.parse(number).orElseThrow(() -> new NotFoundException("number " + number));
        NumberFacts facts = numbers.facts(x).orElseThrow(() -> new NotFoundException("number " + number));
        model.addAttribute("facts", facts);
        model.addAttribute("holder", facts.holder()
                .map(holder -> tenants.find(holder).map(TenantFacts::name).orElse("#" + holder)).orElse(null));
        model.addAttribute("bindings", bindings.liveAt(x.value(), clock.instant()));
        model.addAttribute("calls", calls.recent(x.value(), RECENT));
        model.addAttribute("complaints", complaints.about(x.value(), RECENT));
        model.addAttribute("alerts", alerts.about(x.value(), RECENT));
        model.addAttribute("history", audit.about(scope, List.of(new Target("NUMBER", x.digits()),
                new Target("NUMBER_BLOCK", x.block().digits()))));
        model.addAttribute("tenantNames", tenants.names());
        return "numberdesk/number";
    }
}
