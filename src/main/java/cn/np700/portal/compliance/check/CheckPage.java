package cn.np700.portal.compliance.check;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.complaints.ComplaintForm;
import java.util.List;
import org.springframework.ui.Model;

/** What both halves of the public page (the check and the complaint form) need to draw it. */
public final class CheckPage {

    public static final String VIEW = "compliance/check";

    private CheckPage() {
    }

    public static void prepare(Model model) {
        model.addAttribute("categories", List.of(ComplaintCategory.values()));
        model.addAttribute("descriptionMax", ComplaintForm.DESCRIPTION_MAX);
        model.addAttribute("contactMax", ComplaintForm.CONTACT_MAX);
    }
}
