package cn.np700.portal.numbers.review;

import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.allocation.BlockChooser;
import cn.np700.portal.numbers.requests.NumberRequest;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operators' queue of number requests, oldest first, and the page where one is approved or rejected. */
@Controller
@RequestMapping("/operator/requests")
class ReviewController {

    private final NumberRequests requests;
    private final RequestDecisions decisions;
    private final SoloApprovals solo;
    private final RequestContext context;
    private final TenantDirectory tenants;
    private final UserMessages messages;
    private final Clock clock;

    ReviewController(NumberRequests requests, RequestDecisions decisions, SoloApprovals solo, RequestContext context,
            TenantDirectory tenants, UserMessages messages, Clock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.solo = solo;
        this.context = context;
        this.tenants = tenants;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String queue(Model model) {
        List<NumberRequest> open = requests.open();
        model.addAttribute("open", open);
        model.addAttribute("waits", open.stream().collect(Collectors.toMap(NumberRequest::id,
                r -> Duration.between(r.submittedAt(), clock.instant()))));
        model.addAttribute("decided", requests.recentlyDecided(20));
        model.addAttribute("tenantNames", tenants.names());
        return "numbers/queue";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, CurrentUser operator, Model model) {
        NumberRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("request " + id));
        if (!model.containsAttribute("approval")) {
            model.addAttribute("approval", new ApprovalForm(Integer.toString(request.blocksRequested()), "AUTO", ""));
        }
        context.describe(request, model);
        boolean twoApprovals = decisions.needsTwoApprovals(request);
        model.addAttribute("twoApprovals", twoApprovals);
        model.addAttribute("fourEyesThreshold", solo.threshold());
        model.addAttribute("fourEyesWindowDays", solo.windowDays());
        if (!twoApprovals && request.firstApproverId() == null) {
            // what this operator's approval of the whole request would add up to with their earlier single approvals
            SoloApprovals.Total total = solo.preview(request.tenantId(), operator.userId(), request.blocksRequested(),
                    clock.instant());
            model.addAttribute("soloTotal", total.needsSecondApprover() ? total.figures() : null);
        }
        if (!twoApprovals && request.awaitingSecondApproval()) {
            // a request within the threshold awaits a second approval only because of its first approver's total
            model.addAttribute("soloTotalRecorded", requests.timeline(id).stream()
                    .filter(step -> step.step().equals("FIRST_APPROVAL")).reduce((first, last) -> last)
                    .map(NumberRequests.TimelineStep::note).orElse(null));
        }
        return "numbers/review";
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @ModelAttribute("approval") ApprovalForm form, CurrentUser operator,
            Model model, RedirectAttributes redirect) {
        NumberRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("request " + id));
        try {
            int blocks = request.firstApproverId() != null ? request.firstApprovedCount() : count(form.blocks());
            List<Long> picks = null;
            if (request.firstApproverId() == null && form.manual()) {
                List<String> bad = new ArrayList<>();
                picks = BlockChooser.parsePicks(form.codes(), bad);
                if (!bad.isEmpty()) {
                    throw new NumberRuleException("approve.picks.invalid", String.join(", ", bad));
                }
            }
            RequestDecisions.Outcome outcome = decisions.approve(operator, id, blocks, picks);
            redirect.addFlashAttribute("notice", "approve.done." + outcome.name());
            return "redirect:/operator/requests/" + id;
        } catch (NumberRuleException e) {
            model.addAttribute("approvalProblem", messages.text(e.key(), e.args()));
            return show(id, operator, model);
        }
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason, CurrentUser operator,
            Model model, RedirectAttributes redirect) {
        try {
            decisions.reject(operator, id, reason);
            redirect.addFlashAttribute("notice", "reject.done");
            return "redirect:/operator/requests/" + id;
        } catch (NumberRuleException e) {
            model.addAttribute("rejectProblem", messages.text(e.key(), e.args()));
            model.addAttribute("typedReason", reason);
            return show(id, operator, model);
        }
    }

    private static int count(String typed) {
        if (typed == null || !typed.trim().matches("\\d{1,6}")) {
            throw new NumberRuleException("approve.blocks.invalid");
        }
        return Integer.parseInt(typed.trim());
    }
}
