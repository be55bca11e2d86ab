package cn.np700.portal.compliance.complaints;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The enterprise admin's read-only view of complaints about its own numbers. */
@Controller
class TenantComplaintController {

    private final TenantComplaints complaints;

    TenantComplaintController(TenantComplaints complaints) {
        this.complaints = complaints;
    }

    @GetMapping("/complaints")
    String list(@RequestParam(required = false) Integer page, CurrentUser user, Model model) {
        model.addAttribute("page", complaints.page(user.tenant(), PageQuery.of(page, null)));
        model.addAttribute("links", new ListLinks("/complaints", Map.of(), null));
        return "compliance/mine";
    }
}
