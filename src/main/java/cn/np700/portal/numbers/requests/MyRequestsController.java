package cn.np700.portal.numbers.requests;

import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A tenant's number requests: the form (admins), the history, one request's timeline, and withdrawal. */
@Controller
@RequestMapping("/numbers/requests")
class MyRequestsController {

    private static final int HISTORY = 100;

    private final NumberRequests requests;
    private final RequestSubmission submission;
    private final Quotas quotas;
    private final UserMessages messages;

    MyRequestsController(NumberRequests requests, RequestSubmission submission, Quotas quotas, UserMessages messages) {
        this.requests = requests;
        this.submission = submission;
        this.quotas = quotas;
        this.messages = messages;
    }

    @GetMapping
    String list(CurrentUser user, Model model) {
        model.addAttribute("form", RequestForm.empty());
        return view(user, model);
    }

    @PostMapping
    String submit(@Valid @ModelAttribute("form") RequestForm form, BindingResult errors, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        TenantQuota quota = quotas.of(user.tenant());
        if (!errors.hasFieldErrors("scenario") && !RequestSubmission.knownScenario(form.scenario())) {
            errors.rejectValue("scenario", "category.invalid");
        }
        if (!errors.hasFieldErrors("blocks")) {
            String problem = RequestSubmission.problemWithBlocks(form.blocksValue(), quota);
            if (problem != null) {
                errors.rejectValue("blocks", problem, new Object[] {quota.blocksRemaining(), quota.maxBlocks(),
                        quota.blocksHeld()}, problem);
            }
        }
        if (errors.hasErrors()) {
            return view(user, model);
        }
        try {
            long id = submission.submit(user, form);
            redirect.addFlashAttribute("notice", "request.submitted");
            return "redirect:/numbers/requests/" + id;
        } catch (NumberRuleException e) {
            model.addAttribute("errorText", messages.text(e.key(), e.args()));
            return view(user, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, CurrentUser user, Model model) {
        NumberRequest request = requests.findOfTenant(user.tenant(), id)
                .orElseThrow(() -> new NotFoundException("request " + id));
        model.addAttribute("request", request);
        model.addAttribute("timeline", requests.timeline(id));
        return "numbers/my-request";
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        try {
            submission.withdraw(user, id);
            redirect.addFlashAttribute("notice", "request.withdrawn");
        } catch (NumberRuleException e) {
            redirect.addFlashAttribute("errorText", messages.text(e.key(), e.args()));
        }
        return "redirect:/numbers/requests/" + id;
    }

    private String view(CurrentUser user, Model model) {
        TenantId tenantId = user.tenant();
        model.addAttribute("quota", quotas.of(tenantId));
        model.addAttribute("requests", requests.ofTenant(tenantId, HISTORY));
        model.addAttribute("scenarios", BusinessCategory.values());
        return "numbers/my-requests";
    }
}
