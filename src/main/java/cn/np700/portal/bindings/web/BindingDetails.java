package cn.np700.portal.bindings.web;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.audit.AuditHistory;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.bindings.queries.BindingHolds;
import cn.np700.portal.web.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** One binding's page, for its tenant and for operators: its facts, its forms and its timeline from the audit trail. */
@Component
class BindingDetails {

    private final AuditHistory history;
    private final BindingHolds holds;
    private final BindingSuspensions suspensions;

    BindingDetails(AuditHistory history, BindingHolds holds, BindingSuspensions suspensions) {
        this.history = history;
        this.holds = holds;
        this.suspensions = suspensions;
    }

    void describe(Scope scope, Binding binding, String basePath, Model model) {
        model.addAttribute("binding", binding);
        model.addAttribute("basePath", basePath);
        model.addAttribute("self", basePath + "/" + binding.id());
        model.addAttribute("operator", basePath.startsWith("/operator/"));
        model.addAttribute("timeline",
                history.about(scope, List.of(new AuditHistory.Target("BINDING", Long.toString(binding.id())))));
        model.addAttribute("units", ValidityUnit.values());
        model.addAttribute("holds", holds.of(List.of(binding)).getOrDefault(binding.id(), List.of()));
        model.addAttribute("ownReasons", suspensions.reasons(binding.id()));
        if (!model.containsAttribute("expiryForm")) {
            model.addAttribute("expiryForm", ExpiryForm.empty());
        }
        if (!model.containsAttribute("unbindForm")) {
            model.addAttribute("unbindForm", UnbindForm.empty());
        }
        if (!model.containsAttribute("forceUnbindForm")) {
            model.addAttribute("forceUnbindForm", ForceUnbindForm.empty());
        }
        if (!model.containsAttribute("restoreBindingForm")) {
            model.addAttribute("restoreBindingForm", RestoreBindingForm.empty());
        }
    }

    /** An id in an address: anything but digits answers 404, like an id that does not exist. */
    static long parseId(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new NotFoundException("binding " + id);
        }
        return Long.parseLong(id);
    }
}
