package cn.np700.portal.tenancy.passwords;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every signed-in user changes their own password here; users with a one-time password are sent here first. */
@Controller
@RequestMapping("/account/password")
class PasswordController {

    private final PasswordChanges changes;
    private final LoginAccounts accounts;

    PasswordController(PasswordChanges changes, LoginAccounts accounts) {
        this.changes = changes;
        this.accounts = accounts;
    }

    @GetMapping
    String form(CurrentUser user, Model model) {
        model.addAttribute("form", PasswordForm.empty());
        model.addAttribute("forced", accounts.mustChangePassword(user.userId()));
        return "tenancy/password";
    }

    @PostMapping
    String change(CurrentUser user, @Valid @ModelAttribute("form") PasswordForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!changes.change(user.userId(), form, errors)) {
            model.addAttribute("forced", accounts.mustChangePassword(user.userId()));
            return "tenancy/password";
        }
        redirect.addFlashAttribute("notice", "password.changed");
        return "redirect:/";
    }
}
