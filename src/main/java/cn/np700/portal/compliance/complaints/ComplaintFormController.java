package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.check.CheckPage;
import cn.np700.portal.compliance.check.CheckRateLimit;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A citizen's complaint, filed beside the public check. */
@Controller
public class ComplaintFormController {

    private final ComplaintChecks checks;
    private final ComplaintIntake intake;
    private final CheckRateLimit limit;

    ComplaintFormController(ComplaintChecks checks, ComplaintIntake intake, CheckRateLimit limit) {
        this.checks = checks;
        this.intake = intake;
        this.limit = limit;
    }

    @PostMapping("/check/complaints")
    String file(@ModelAttribute("complaint") ComplaintForm form, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        limit.acquire(request.getRemoteAddr());
        // a bot that filled the hidden field is told what a person would be told, so it learns nothing to adapt to
        if (form.trapped()) {
            redirect.addFlashAttribute("reference", intake.decoy());
            return "redirect:/check";
        }
        Map<String, String> problems = checks.problems(form);
        if (!problems.isEmpty()) {
            CheckPage.prepare(model);
            model.addAttribute("problems", problems);
            return CheckPage.VIEW;
        }
        redirect.addFlashAttribute("reference", intake.receive(form, request.getRemoteAddr()));
        return "redirect:/check";
    }
}
