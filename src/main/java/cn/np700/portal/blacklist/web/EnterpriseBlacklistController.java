package cn.np700.portal.blacklist.web;

import cn.np700.portal.blacklist.BlacklistOwner;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
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

/** An enterprise admin's own blacklist: numbers the enterprise will not bind and whose calls to its X are rejected. */
@Controller
@RequestMapping("/enterprise/blacklist")
class EnterpriseBlacklistController {

    private static final String BASE = "/enterprise/blacklist";

    private final BlacklistPages pages;

    EnterpriseBlacklistController(BlacklistPages pages) {
        this.pages = pages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String number, Scope.Tenant tenant, Model model) {
        return pages.list(BlacklistOwner.of(tenant.id()), BASE, number, model);
    }

    @PostMapping
    String add(@ModelAttribute("form") BlacklistForm form, BindingResult errors, Scope.Tenant tenant, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        return pages.add(BlacklistOwner.of(tenant.id()), BASE, form, errors, user.username(), model, redirect);
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable long id, Scope.Tenant tenant, CurrentUser user, RedirectAttributes redirect) {
        return pages.remove(BlacklistOwner.of(tenant.id()), BASE, id, user.username(), redirect);
    }
}
