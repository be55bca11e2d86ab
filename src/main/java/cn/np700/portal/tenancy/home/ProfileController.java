package cn.np700.portal.tenancy.home;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.tenants.TenantAdministration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** An enterprise admin's view of their own enterprise as the platform has it on record. */
@Controller
class ProfileController {

    private final TenantAdministration tenants;

    ProfileController(TenantAdministration tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/enterprise/profile")
    String profile(CurrentUser user, Model model) {
        model.addAttribute("tenant", tenants.get(user.tenant().value()));
        return "tenancy/profile";
    }
}
