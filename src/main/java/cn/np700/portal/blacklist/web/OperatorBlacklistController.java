package cn.np700.portal.blacklist.web;

import cn.np700.portal.blacklist.BlacklistOwner;
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

/** The platform-wide blacklist (operator admins): numbers no enterprise may bind and no call may come from. */
@Controller
@RequestMapping("/operator/blacklist")
class OperatorBlacklistController {

    private static final String BASE = "/operator/blacklist";

    private final BlacklistPages pages;

    OperatorBlacklistController(BlacklistPages pages) {
        this.pages = pages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String number, Model model) {
        return pages.list(BlacklistOwner.PLATFORM, BASE, number, model);
    }

    @PostMapping
    String add(@ModelAttribute("form") BlacklistForm form, BindingResult errors, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        return pages.add(BlacklistOwner.PLATFORM, BASE, form, errors, user.username(), model, redirect);
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        return pages.remove(BlacklistOwner.PLATFORM, BASE, id, user.username(), redirect);
    }
}
