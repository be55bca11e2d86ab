package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators, reviewers and auditors see every tenant's bindings, numbers masked; an operator admin may end one, and
 * an admin or reviewer (who may suspend from a risk alert) may restore a suspended one, each with a reason for the
 * audit trail (the security rules keep these to those roles).
 */
@Controller
@RequestMapping("/operator/bindings")
class OperatorBindingController {

    private static final String BASE = "/operator/bindings";

    private final BindingLists lists;
    private final BindingLedger ledger;
    private final BindingChanges changes;
    private final BindingDetails details;
    private final BindingSuspensions suspensions;
    private final TenantDirectory tenants;
    private final UserMessages messages;

    OperatorBindingController(BindingLists lists, BindingLedger ledger, BindingChanges changes, BindingDetails details,
            BindingSuspensions suspensions, TenantDirectory tenants, UserMessages messages) {
        this.lists = lists;
        this.ledger = ledger;
        this.changes = changes;
        this.details = details;
        this.suspensions = suspensions;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping
    String list(@ModelAttribute("filter") BindingFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            Scope scope, HtmxRequest htmx, Model model) {
        lists.fill(scope, filter, sort, page, BASE, model);
        model.addAttribute("operator", true);
        model.addAttribute("tenantNames", tenants.names());
        return HtmxViews.pageOrFragment(htmx, "bindings/list", "list");
    }

    @PostMapping("/search")
    String search(@RequestParam(required = false) String number, @ModelAttribute("filter") BindingFilter filter,
            BindingResult ignoredBadFilter, @RequestParam(required = false) String sort, Scope scope, HtmxRequest htmx,
            Model model) {
        Optional<String> url = lists.searchUrl(BASE, number, filter, sort);
        if (url.isPresent()) {
            return "redirect:" + url.get();
        }
        model.addAttribute("numberProblem", "mobile.invalid");
        model.addAttribute("typedNumber", number);
        return list(filter, ignoredBadFilter, sort, null, scope, htmx, model);
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, Scope scope, Model model) {
        Binding binding = find(scope, id);
        details.describe(scope, binding, BASE, model);
        model.addAttribute("tenantName", tenants.names().get(binding.tenantId().value()));
        return "bindings/detail";
    }

    @PostMapping("/{id}/unbind")
    String forceUnbind(@PathVariable String id, @ModelAttribute("forceUnbindForm") ForceUnbindForm form,
            BindingResult errors, CurrentUser user, Model model, RedirectAttributes redirect) {
        Scope scope = user.scope();
        Binding binding = find(scope, id);
        if (!binding.live()) {
            redirect.addFlashAttribute("errorText", messages.text("binding.notLive",
                    messages.text("binding.status." + binding.status().name())));
            return "redirect:" + BASE + "/" + binding.id();
        }
        String reason = form.check(errors);
        if (reason == null) {
            return show(id, scope, model);
        }
        try {
            changes.forceUnbind(scope, binding.id(), new Actor(user.username(), null), reason);
        } catch (ConcurrencyFailureException e) {
            model.addAttribute("errorText", messages.text("operation.busy"));
            return show(id, scope, model);
        }
        redirect.addFlashAttribute("notice", "binding.forceUnbound");
        return "redirect:" + BASE + "/" + binding.id();
    }

    @PostMapping("/{id}/restore")
    String restore(@PathVariable String id, @ModelAttribute("restoreBindingForm") RestoreBindingForm form,
            BindingResult errors, CurrentUser user, Model model, RedirectAttributes redirect) {
        Scope scope = user.scope();
        Binding binding = find(scope, id);
        if (binding.status() != BindingStatus.SUSPENDED) {
            redirect.addFlashAttribute("errorText", messages.text("binding.restore.notSuspended",
                    messages.text("binding.status." + binding.status().name())));
            return "redirect:" + BASE + "/" + binding.id();
        }
        String reason = form.check(errors);
        List<SuspensionReason> open = suspensions.reasons(binding.id()).stream().filter(SuspensionReason::open).toList();
        Long reasonId = form.reasonId();
        if (reasonId == null && open.size() == 1) {
            reasonId = open.get(0).id();
        }
        if (reasonId == null && !open.isEmpty()) {
            errors.rejectValue("reasonId", "binding.restore.whichReason");
        }
        if (reason == null || errors.hasErrors()) {
            return show(id, scope, model);
        }
        boolean lifted = reasonId != null && suspensions.lift(binding.id(), reasonId, user.username(), reason);
        boolean still = lifted && suspensions.reasons(binding.id()).stream().anyMatch(SuspensionReason::open);
        redirect.addFlashAttribute("notice", !lifted ? "binding.restore.nothing" : still ? "binding.reasonLifted" : "binding.restored");
        return "redirect:" + BASE + "/" + binding.id();
    }

    private Binding find(Scope scope, String id) {
        return ledger.find(scope, BindingDetails.parseId(id)).orElseThrow(() -> new NotFoundException("binding " + id));
    }
}
