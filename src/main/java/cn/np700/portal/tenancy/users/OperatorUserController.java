package cn.np700.portal.tenancy.users;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.Role;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.validation.Valid;
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

/** Operator staff accounts, managed by OPERATOR_ADMIN (viewed by reviewers and auditors). */
@Controller
@RequestMapping(OperatorUserController.BASE)
class OperatorUserController {

    static final String BASE = "/operator/users";
    private final UserPages pages;

    OperatorUserController(UserPages pages) {
        this.pages = pages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page, HtmxRequest htmx,
            Model model) {
        return pages.list(UserScope.operators(), BASE, q, role, sort, page, htmx, model);
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return pages.newForm(UserScope.operators(), BASE, model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") UserForm form, BindingResult errors, Model model) {
        return pages.create(UserScope.operators(), BASE, form, errors, model);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        return pages.show(UserScope.operators(), BASE, id, model);
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, CurrentUser actor,
            RedirectAttributes redirect) {
        return pages.setEnabled(UserScope.operators(), BASE, actor, id, enabled, redirect);
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam(required = false) Role role, CurrentUser actor,
            RedirectAttributes redirect) {
        return pages.changeRole(UserScope.operators(), BASE, actor, id, role, redirect);
    }

    @PostMapping("/{id}/password-reset")
    String resetPassword(@PathVariable long id, CurrentUser actor, Model model, RedirectAttributes redirect) {
        return pages.resetPassword(UserScope.operators(), BASE, actor, id, model, redirect);
    }
}
