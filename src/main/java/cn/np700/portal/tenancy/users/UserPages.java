package cn.np700.portal.tenancy.users;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.accounts.DuplicateValueException;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user-management pages, shared by operator admins (operator staff) and enterprise admins (their own tenant).
 * Only the scope and the base path differ; the scope always comes from the signed-in admin.
 */
@Component
class UserPages {

    private final UserQueries queries;
    private final UserManagement management;

    UserPages(UserQueries queries, UserManagement management) {
        this.queries = queries;
        this.management = management;
    }

    String list(UserScope scope, String basePath, String q, Role role, String sort, Integer page, HtmxRequest htmx,
            Model model) {
        SortOrder order = SortOrder.parse(sort, UserQueries.SORTS, "username");
        model.addAttribute("sort", order);
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("page", queries.find(scope, q, role, order, PageQuery.of(page, null)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("q", q);
        filters.put("role", role);
        model.addAttribute("links", new ListLinks(basePath, filters, order));
        return HtmxViews.pageOrFragment(htmx, "tenancy/users", "results") + common(scope, basePath, model);
    }

    String newForm(UserScope scope, String basePath, Model model) {
        model.addAttribute("form", UserForm.empty(scope.adminRole() == Role.ENTERPRISE_ADMIN ? Role.ENTERPRISE_AGENT
                : Role.OPERATOR_REVIEWER));
        return "tenancy/user-form" + common(scope, basePath, model);
    }

    String create(UserScope scope, String basePath, UserForm typed, BindingResult errors, Model model) {
        if (!errors.hasFieldErrors("role") && !scope.roles().contains(typed.roleValue())) {
            errors.rejectValue("role", "user.role.notAllowed");
        }
        if (errors.hasErrors()) {
            return "tenancy/user-form" + common(scope, basePath, model);
        }
        try {
            model.addAttribute("account", management.create(scope, typed.normalized()));
            return "tenancy/user-created" + common(scope, basePath, model);
        } catch (DuplicateValueException e) {
            errors.rejectValue("username", "username.duplicate");
            return "tenancy/user-form" + common(scope, basePath, model);
        }
    }

    String show(UserScope scope, String basePath, long id, Model model) {
        model.addAttribute("user", management.get(scope, id));
        return "tenancy/user" + common(scope, basePath, model);
    }

    String setEnabled(UserScope scope, String basePath, CurrentUser actor, long id, boolean enabled,
            RedirectAttributes redirect) {
        return act(basePath, id, redirect, enabled ? "user.enabled" : "user.disabled",
                () -> management.setEnabled(scope, actor, id, enabled));
    }

    String changeRole(UserScope scope, String basePath, CurrentUser actor, long id, Role role,
            RedirectAttributes redirect) {
        return act(basePath, id, redirect, "user.roleChanged", () -> management.changeRole(scope, actor, id, role));
    }

    String resetPassword(UserScope scope, String basePath, CurrentUser actor, long id, Model model,
            RedirectAttributes redirect) {
        try {
            model.addAttribute("account", management.resetPassword(scope, actor, id));
            return "tenancy/user-created" + common(scope, basePath, model);
        } catch (UserRuleException e) {
            redirect.addFlashAttribute("error", e.code());
            return "redirect:" + basePath + "/" + id;
        }
    }

    private String act(String basePath, long id, RedirectAttributes redirect, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (UserRuleException e) {
            redirect.addFlashAttribute("error", e.code());
        }
        return "redirect:" + basePath + "/" + id;
    }

    /** Adds what every user page needs and returns "" so callers can append it to a view name. */
    private static String common(UserScope scope, String basePath, Model model) {
        model.addAttribute("basePath", basePath);
        model.addAttribute("roles", scope.roles().stream().sorted().toList());
        model.addAttribute("operatorScope", scope.forOperators());
        return "";
    }
}
