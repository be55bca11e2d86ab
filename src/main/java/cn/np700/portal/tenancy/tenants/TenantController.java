package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.TenantSuspensions;
import cn.np700.portal.tenancy.accounts.DuplicateValueException;
import cn.np700.portal.tenancy.users.UserQueries;
import cn.np700.portal.tenancy.users.UserScope;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.validation.groups.Default;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators' tenant pages: list, create (with the first admin), view, edit, suspend (an operator's reason), lift one
 * reason of a suspension, terminate.
 */
@Controller
@RequestMapping("/operator/tenants")
class TenantController {

    private final TenantQueries queries;
    private final TenantRegistration registration;
    private final TenantAdministration administration;
    private final UserQueries userQueries;
    private final TenantContactReveal contactReveal;
    private final TenantSuspensions suspensions;

    TenantController(TenantQueries queries, TenantRegistration registration, TenantAdministration administration,
            UserQueries userQueries, TenantContactReveal contactReveal, TenantSuspensions suspensions) {
        this.suspensions = suspensions;
        this.queries = queries;
        this.registration = registration;
        this.administration = administration;
        this.userQueries = userQueries;
        this.contactReveal = contactReveal;
    }

    @GetMapping
    String list(@ModelAttribute("filter") TenantFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, HtmxRequest htmx, Model model) {
        SortOrder order = SortOrder.parse(sort, TenantQueries.SORTS, "-created");
        model.addAttribute("sort", order);
        model.addAttribute("page", queries.find(filter, order, PageQuery.of(page, size)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("q", filter.q());
        filters.put("status", filter.status());
        filters.put("category", filter.category());
        model.addAttribute("links", new ListLinks("/operator/tenants", filters, order));
        model.addAttribute("statuses", TenantStatus.values());
        model.addAttribute("categories", BusinessCategory.values());
        return HtmxViews.pageOrFragment(htmx, "tenancy/tenants", "results");
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", TenantForm.empty());
        return formView(model, null);
    }

    @PostMapping
    String create(@Validated(OnCreate.class) @ModelAttribute("form") TenantForm typed, BindingResult errors, Model model) {
        TenantForm form = typed.normalized();
        TenantFormChecks.check(form, errors);
        if (errors.hasErrors()) {
            return formView(model, null);
        }
        try {
            TenantRegistration.Registered registered = registration.register(form);
            model.addAttribute("tenant", registered.tenant());
            model.addAttribute("admin", registered.admin());
            return "tenancy/tenant-created";
        } catch (DuplicateValueException e) {
            errors.rejectValue(e.field().equals("username") ? "adminUsername" : e.field(), e.field() + ".duplicate");
            return formView(model, null);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Tenant tenant = administration.get(id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("nextStates", TenantAdministration.nextStates(tenant.status()));
        model.addAttribute("reasons", suspensions.reasons(TenantId.of(id)));
        model.addAttribute("users", userQueries.find(UserScope.of(TenantId.of(id)), null, null,
                SortOrder.parse("username", UserQueries.SORTS, "username"), PageQuery.of(1, 100)));
        return "tenancy/tenant";
    }

    /** The contact mobile in full, in place of its masked form; a POST because it writes the audit trail. */
    @PostMapping("/{id}/contact-mobile")
    String revealContactMobile(@PathVariable long id, HtmxRequest htmx, Model model) {
        Tenant tenant = contactReveal.reveal(id);
        model.addAttribute("revealed", true);
        if (htmx.isHtmxRequest()) {
            model.addAttribute("tenant", tenant);
            return "tenancy/tenant :: contactMobile";
        }
        return show(id, model);
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Tenant tenant = administration.get(id);
        model.addAttribute("form", TenantForm.of(tenant));
        return formView(model, tenant);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @Validated(Default.class) @ModelAttribute("form") TenantForm typed,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        Tenant tenant = administration.get(id);
        TenantForm form = typed.normalized();
        TenantFormChecks.check(form, errors);
        if (errors.hasErrors()) {
            return formView(model, tenant);
        }
        try {
            administration.update(id, form);
        } catch (DuplicateValueException e) {
            errors.rejectValue(e.field(), e.field() + ".duplicate");
            return formView(model, tenant);
        }
        redirect.addFlashAttribute("notice", "tenant.saved");
        return "redirect:/operator/tenants/" + id;
    }

    @PostMapping("/{id}/status")
    String changeStatus(@PathVariable long id, @RequestParam(required = false) TenantStatus target,
            @RequestParam(required = false) String reason, CurrentUser user, Model model, RedirectAttributes redirect) {
        Tenant tenant = administration.get(id);
        String trimmed = reason == null ? "" : reason.trim();
        String problem = null;
        if (target == null || !TenantAdministration.allowed(tenant.status(), target)) {
            problem = "tenant.status.notAllowed";
        } else if (trimmed.isEmpty()) {
            problem = "tenant.status.reasonRequired";
        } else if (trimmed.length() > 500) {
            problem = "tenant.status.reasonTooLong";
        }
        if (problem != null) {
            model.addAttribute("statusProblem", problem);
            model.addAttribute("typedReason", trimmed);
            model.addAttribute("typedTarget", target);
            return show(id, model);
        }
        if (target == TenantStatus.SUSPENDED) {
            boolean added = suspensions.suspendFor(TenantId.of(id), SuspensionSource.OPERATOR, "", user.username(), trimmed);
            redirect.addFlashAttribute(added ? "notice" : "error", added ? "tenant.status.changed.SUSPENDED" : "tenant.suspension.alreadyHeld");
            return "redirect:/operator/tenants/" + id;
        }
        try {
            administration.terminate(id, trimmed);
        } catch (IllegalTransitionException e) {
            // someone else changed the status between the page and this post
            redirect.addFlashAttribute("error", "tenant.status.notAllowed");
            return "redirect:/operator/tenants/" + id;
        }
        redirect.addFlashAttribute("notice", "tenant.status.changed." + target.name());
        return "redirect:/operator/tenants/" + id;
    }

    /** Lifts one reason of the tenant's suspension with a note; the tenant is active again only after its last. */
    @PostMapping("/{id}/suspensions/{reasonId}/lift")
    String lift(@PathVariable long id, @PathVariable long reasonId, @RequestParam(required = false) String note,
            CurrentUser user, Model model, RedirectAttributes redirect) {
        administration.get(id);
        String trimmed = note == null ? "" : note.trim();
        if (trimmed.isEmpty() || trimmed.length() > 500) {
            model.addAttribute("liftProblem", trimmed.isEmpty() ? "tenant.suspension.noteRequired" : "tenant.status.reasonTooLong");
            model.addAttribute("liftReasonId", reasonId);
            model.addAttribute("typedNote", note);
            return show(id, model);
        }
        boolean lifted = suspensions.lift(TenantId.of(id), reasonId, user.username(), trimmed);
        redirect.addFlashAttribute(lifted ? "notice" : "error", lifted ? "tenant.suspension.lifted" : "tenant.suspension.notOpen");
        return "redirect:/operator/tenants/" + id;
    }

    private String formView(Model model, Tenant tenant) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("categories", BusinessCategory.values());
        return "tenancy/tenant-form";
    }
}
