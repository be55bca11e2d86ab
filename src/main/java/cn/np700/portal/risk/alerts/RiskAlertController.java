package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskAlert;
import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators' alert queue: filter, read the evidence, acknowledge, dismiss with a note, suspend, or lift the suspension. */
@Controller
@RequestMapping("/operator/risk/alerts")
class RiskAlertController {

    static final int PAGE = 25;
    private static final int NOTE_MAX = 500;

    private final RiskAlerts alerts;
    private final TenantDirectory tenants;

    RiskAlertController(RiskAlerts alerts, TenantDirectory tenants) {
        this.alerts = alerts;
        this.tenants = tenants;
    }

    @GetMapping
    String list(@ModelAttribute("filter") RiskAlertFilter filter, Scope scope, Model model) {
        Map<Long, String> names = tenants.names();
        TenantByName tenant = TenantByName.find(filter.tenant(), names);
        List<RiskAlert> rows = tenant.problem() ? List.of()
                : alerts.page(filter, scope, tenant.filter(), filter.pageIndex() * PAGE, PAGE + 1);
        model.addAttribute("tenantChoice", tenant);
        model.addAttribute("tenantNames", names.values().stream().sorted().toList());
        model.addAttribute("alerts", rows.stream().limit(PAGE).toList());
        model.addAttribute("hasNext", rows.size() > PAGE);
        model.addAttribute("pageIndex", filter.pageIndex());
        model.addAttribute("rules", RiskRuleCode.values());
        model.addAttribute("operator", true);
        return "risk/alerts";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Scope scope, Model model) {
        return page(alerts.find(scope, id).orElseThrow(() -> new NotFoundException("risk alert " + id)), model);
    }

    private String page(RiskAlert alert, Model model) {
        model.addAttribute("alert", alert);
        model.addAttribute("operator", true);
        model.addAttribute("liftable", alerts.liftable(alert));
        model.addAttribute("heldBy", alerts.openReasons(alert));
        return "risk/alert";
    }

    @PostMapping("/{id}/acknowledge")
    String acknowledge(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        exists(id);
        redirect.addFlashAttribute("notice", alerts.acknowledge(id, user.username()) ? "risk.alert.acknowledged" : "risk.alert.closed");
        return "redirect:/operator/risk/alerts/" + id;
    }

    @PostMapping("/{id}/dismiss")
    String dismiss(@PathVariable long id, @RequestParam(defaultValue = "") String note, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        RiskAlert alert = exists(id);
        String trimmed = note.trim();
        if (trimmed.isEmpty() || trimmed.length() > NOTE_MAX) {
            model.addAttribute("note", note);
            model.addAttribute("noteError", trimmed.isEmpty() ? "risk.alert.note.required" : "risk.alert.note.tooLong");
            return page(alert, model);
        }
        redirect.addFlashAttribute("notice", alerts.dismiss(id, trimmed, user.username()) ? "risk.alert.dismissed" : "risk.alert.closed");
        return "redirect:/operator/risk/alerts/" + id;
    }

    /**
     * Suspends the number, the bindings or the whole enterprise: only with a reason (kept on the subject's suspension
     * reason, the alert and the audit trail) and the operator's ticked confirmation; otherwise the page says what is
     * missing next to the field, keeping what was chosen and typed.
     */
    @PostMapping("/{id}/suspend")
    String suspend(@PathVariable long id, @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "") String suspendReason, @RequestParam(defaultValue = "false") boolean confirm,
            CurrentUser user, Model model, RedirectAttributes redirect) {
        RiskAlert alert = exists(id);
        RiskSuspension.Kind kind = null;
        if (target != null && !target.isBlank()) {
            try {
                kind = RiskSuspension.Kind.valueOf(target);
            } catch (IllegalArgumentException e) {
                throw new NotFoundException("suspension " + target);
            }
        }
        String trimmed = suspendReason.trim();
        boolean bad = false;
        if (kind == null) {
            model.addAttribute("targetError", "risk.alert.suspend.targetRequired");
            bad = true;
        }
        if (trimmed.isEmpty() || trimmed.length() > NOTE_MAX) {
            model.addAttribute("suspendReasonError", trimmed.isEmpty() ? "risk.alert.suspend.reasonRequired" : "risk.alert.note.tooLong");
            bad = true;
        }
        if (!confirm) {
            model.addAttribute("confirmError", "risk.alert.suspend.confirmRequired");
            bad = true;
        }
        if (bad) {
            model.addAttribute("suspendTarget", target);
            model.addAttribute("suspendReason", suspendReason);
            return page(alert, model);
        }
        boolean done = alerts.act(id, kind, trimmed, user.username());
        redirect.addFlashAttribute("notice", done ? "risk.alert.suspended." + kind.name() : "risk.alert.nothingSuspended");
        return "redirect:/operator/risk/alerts/" + id;
    }

    @PostMapping("/{id}/lift")
    String lift(@PathVariable long id, @RequestParam(defaultValue = "") String liftNote, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        RiskAlert alert = exists(id);
        String trimmed = liftNote.trim();
        if (trimmed.isEmpty() || trimmed.length() > NOTE_MAX) {
            model.addAttribute("liftNote", liftNote);
            model.addAttribute("liftNoteError", trimmed.isEmpty() ? "risk.alert.lift.required" : "risk.alert.note.tooLong");
            return page(alert, model);
        }
        redirect.addFlashAttribute("notice", alerts.lift(id, trimmed, user.username()) ? "risk.alert.lifted" : "risk.alert.nothingLifted");
        return "redirect:/operator/risk/alerts/" + id;
    }

    private RiskAlert exists(long id) {
        return alerts.find(id).orElseThrow(() -> new NotFoundException("risk alert " + id));
    }
}
