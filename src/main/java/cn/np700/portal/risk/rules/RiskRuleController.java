package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.web.NotFoundException;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The risk rules and their figures; operator admins change them, every change audited. */
@Controller
@RequestMapping("/operator/risk/rules")
class RiskRuleController {

    private final RiskRules rules;

    RiskRuleController(RiskRules rules) {
        this.rules = rules;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rules", rules.all());
        return "risk/rules";
    }

    @GetMapping("/{code}")
    String edit(@PathVariable String code, Model model) {
        RiskRule rule = rule(code);
        model.addAttribute("form", RiskRuleForm.of(rule));
        model.addAttribute("rule", rule);
        return "risk/rule";
    }

    @PostMapping("/{code}")
    String change(@PathVariable String code, @ModelAttribute("form") RiskRuleForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        RiskRule rule = rule(code);
        RiskRule wanted = form.parse(rule, (field, range) -> errors.rejectValue(field, "risk.rule.range", range, "risk.rule.range"));
        if (wanted == null || errors.hasErrors()) {
            model.addAttribute("rule", rule);
            return "risk/rule";
        }
        rules.update(wanted);
        redirect.addFlashAttribute("notice", "risk.rule.saved");
        return "redirect:/operator/risk/rules";
    }

    private RiskRule rule(String code) {
        return Arrays.stream(RiskRuleCode.values()).filter(c -> c.name().equals(code)).findFirst().map(rules::get)
                .orElseThrow(() -> new NotFoundException("risk rule " + code));
    }
}
