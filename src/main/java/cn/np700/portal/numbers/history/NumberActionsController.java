package cn.np700.portal.numbers.history;

import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Suspend and lift one number from the operators' number page, with a reason and an explicit confirmation; the
 * answer always returns to that number's page, so the operator never loses the number they were working on.
 */
@Controller
@RequestMapping("/operator/numbers/{number}")
class NumberActionsController {

    private final NumberSuspensions suspensions;
    private final UserMessages messages;

    NumberActionsController(NumberSuspensions suspensions, UserMessages messages) {
        this.suspensions = suspensions;
        this.messages = messages;
    }

    @PostMapping("/suspend")
    String suspend(@PathVariable String number, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String confirmed, RedirectAttributes redirect) {
        UsageNumber usage = parse(number);
        return act(usage, "suspend", reason, confirmed, redirect, "numberdesk.suspended",
                () -> suspensions.suspendNumber(usage, reason));
    }

    @PostMapping("/lift")
    String lift(@PathVariable String number, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String confirmed, RedirectAttributes redirect) {
        UsageNumber usage = parse(number);
        return act(usage, "lift", reason, confirmed, redirect, "numberdesk.lifted",
                () -> suspensions.restoreNumber(usage, reason));
    }

    private String act(UsageNumber number, String form, String reason, String confirmed, RedirectAttributes redirect,
            String done, Runnable action) {
        try {
            if (!"true".equals(confirmed)) {
                throw new NumberRuleException("numberdesk.confirm.required");
            }
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (NumberRuleException e) {
            refused(redirect, form, reason, messages.text(e.key(), e.args()));
        } catch (ConcurrencyFailureException e) {
            refused(redirect, form, reason, messages.text("operation.busy"));
        }
        return "redirect:/operator/numbers/" + number.digits();
    }

    private static void refused(RedirectAttributes redirect, String form, String reason, String problem) {
        redirect.addFlashAttribute("failedForm", form);
        redirect.addFlashAttribute("formProblem", problem);
        redirect.addFlashAttribute("typed", reason);
    }

    private static UsageNumber parse(String typed) {
        return UsageNumber.parse(typed).orElseThrow(() -> new NotFoundException("number " + typed));
    }
}
