package cn.np700.portal.numbers.history;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Traceability: the full chain of custody of a 15-digit number or an 11-digit block code. */
@Controller
class HistoryController {

    private final NumberHistory history;
    private final TenantDirectory tenants;
    private final NumberSuspensions suspensions;
    private final UserMessages messages;

    HistoryController(NumberHistory history, TenantDirectory tenants, NumberSuspensions suspensions, UserMessages messages) {
        this.history = history;
        this.tenants = tenants;
        this.suspensions = suspensions;
        this.messages = messages;
    }

    @GetMapping("/operator/history")
    String history(@RequestParam(required = false) String q, Scope scope, Model model) {
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            String digits = BlockCode.digitsOf(q);
            boolean shaped = UsageNumber.parse(q).isPresent() || BlockCode.parse(q).isPresent();
            if (!shaped) {
                model.addAttribute("queryProblem", digits.length() == 15 || digits.length() == 11
                        ? "history.query.not700" : "history.query.invalid");
            } else {
                history.lookUp(scope, q).ifPresentOrElse(view -> model.addAttribute("view", view),
                        () -> model.addAttribute("queryProblem", "history.query.unknown"));
                UsageNumber.parse(q).ifPresent(n -> model.addAttribute("reasons", suspensions.reasons(n)));
            }
        }
        model.addAttribute("tenantNames", tenants.names());
        return "numbers/history";
    }

    /** Lifts one reason of a number's suspension with a note; the number stays suspended while another holds it. */
    @PostMapping("/operator/numbers/{number}/suspensions/{reasonId}/lift")
    String lift(@PathVariable String number, @PathVariable long reasonId, @RequestParam(required = false) String note,
            Scope scope, Model model, RedirectAttributes redirect) {
        UsageNumber usage = UsageNumber.parse(number).orElseThrow(() -> new NotFoundException("number " + number));
        try {
            suspensions.lift(usage, reasonId, note);
        } catch (NumberRuleException e) {
            model.addAttribute("liftProblem", messages.text(e.key(), e.args()));
            model.addAttribute("liftReasonId", reasonId);
            model.addAttribute("typedNote", note);
            return history(usage.digits(), scope, model);
        }
        boolean still = suspensions.reasons(usage).stream().anyMatch(SuspensionReason::open);
        redirect.addFlashAttribute("notice", still ? "number.reasonLifted" : "number.restored");
        return "redirect:/operator/history?q=" + usage.digits();
    }
}
