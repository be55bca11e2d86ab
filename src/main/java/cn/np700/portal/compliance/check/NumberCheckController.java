package cn.np700.portal.compliance.check;

import cn.np700.portal.compliance.complaints.ComplaintForm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public number check (no login): is this a 700 number of ours, and which enterprise holds it. */
@Controller
class NumberCheckController {

    private final PlatformNumbers numbers;
    private final CheckRateLimit limit;

    NumberCheckController(PlatformNumbers numbers, CheckRateLimit limit) {
        this.numbers = numbers;
        this.limit = limit;
    }

    @GetMapping("/check")
    String check(@RequestParam(required = false) String number, HttpServletRequest request, Model model) {
        CheckPage.prepare(model);
        if (!model.containsAttribute("complaint")) {
            model.addAttribute("complaint", ComplaintForm.about(number));
        }
        if (number == null) {
            return CheckPage.VIEW;
        }
        limit.acquire(request.getRemoteAddr());
        model.addAttribute("number", number);
        Optional<String> problem = TypedNumber.problem(number);
        if (problem.isPresent()) {
            model.addAttribute("numberProblem", problem.get());
        } else {
            model.addAttribute("answer", numbers.check(TypedNumber.digits(number)));
        }
        return CheckPage.VIEW;
    }
}
