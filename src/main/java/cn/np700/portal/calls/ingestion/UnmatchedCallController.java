package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.views.CallRecordQueries;
import cn.np700.portal.calls.views.CallRow;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The queue of call records that could not be matched to a tenant or binding, oldest first, marking one as reviewed,
 * and linking one to a binding on its X with a reason (the security rules keep both to operator admins and
 * reviewers; auditors only look).
 */
@Controller
@RequestMapping("/operator/calls/unmatched")
class UnmatchedCallController {

    private static final String BASE = "/operator/calls/unmatched";

    private final UnmatchedCalls unmatched;
    private final UnmatchedCallLinks links;
    private final CallRecordQueries queries;
    private final TenantDirectory tenants;
    private final Clock clock;

    UnmatchedCallController(UnmatchedCalls unmatched, UnmatchedCallLinks links, CallRecordQueries queries,
            TenantDirectory tenants, Clock clock) {
        this.unmatched = unmatched;
        this.links = links;
        this.queries = queries;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    String queue(@RequestParam(required = false) String reason, @RequestParam(required = false) String after,
            Model model) {
        String chosen = reason != null && UnmatchedCalls.REASONS.contains(reason.trim()) ? reason.trim() : null;
        if (reason != null && !reason.isBlank() && chosen == null) {
            model.addAttribute("reasonProblem", "call.unmatched.badReason");
        }
        long afterId = after != null && after.trim().matches("\\d{1,18}") ? Long.parseLong(after.trim()) : 0;
        List<CallRow> rows = unmatched.open(chosen, afterId, UnmatchedCalls.SIZE + 1);
        boolean more = rows.size() > UnmatchedCalls.SIZE;
        List<CallRow> page = more ? rows.subList(0, UnmatchedCalls.SIZE) : rows;
        model.addAttribute("reason", reason);
        model.addAttribute("reasons", UnmatchedCalls.REASONS);
        model.addAttribute("counts", unmatched.openCounts());
        model.addAttribute("rows", page);
        model.addAttribute("after", afterId);
        model.addAttribute("laterUrl", more ? url(chosen, page.get(page.size() - 1).id()) : null);
        model.addAttribute("firstUrl", afterId > 0 ? url(chosen, 0) : null);
        return "calls/unmatched";
    }

    @PostMapping("/{id:\\d{1,18}}/reviewed")
    String reviewed(@PathVariable long id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String after, CurrentUser user, RedirectAttributes redirect) {
        UnmatchedCalls.Outcome outcome = unmatched.markReviewed(id, user.username(), clock.instant());
        if (outcome == UnmatchedCalls.Outcome.NOT_FOUND) {
            throw new NotFoundException("unmatched call " + id);
        }
        redirect.addFlashAttribute("notice", outcome == UnmatchedCalls.Outcome.REVIEWED
                ? "call.unmatched.reviewedDone" : "call.unmatched.alreadyReviewed");
        String chosen = reason != null && UnmatchedCalls.REASONS.contains(reason) ? reason : null;
        long afterId = after != null && after.matches("\\d{1,18}") ? Long.parseLong(after) : 0;
        return "redirect:" + url(chosen, afterId);
    }

    @GetMapping("/{id:\\d{1,18}}/link")
    String linkPage(@PathVariable long id, Scope scope, Model model) {
        model.addAttribute("form", UnmatchedLinkForm.blank());
        return choicePage(id, scope, model);
    }

    @PostMapping("/{id:\\d{1,18}}/link")
    String link(@PathVariable long id, @ModelAttribute("form") UnmatchedLinkForm form, BindingResult errors,
            CurrentUser user, Model model, RedirectAttributes redirect) {
        Long bindingId = form.check(errors);
        if (bindingId == null) {
            return choicePage(id, user.scope(), model);
        }
        UnmatchedCallLinks.Outcome outcome = links.linkByHand(id, bindingId, form.reason().strip(), user.username(),
                clock.instant());
        switch (outcome) {
            case NOT_FOUND -> throw new NotFoundException("call " + id);
            case NOT_ON_X -> {
                errors.rejectValue("typedBindingId", "call.link.binding.notOnX");
                return choicePage(id, user.scope(), model);
            }
            case ALREADY_MATCHED -> redirect.addFlashAttribute("notice", "call.link.alreadyMatched");
            case LINKED -> redirect.addFlashAttribute("notice", "call.link.done");
        }
        return "redirect:/operator/calls/" + id;
    }

    private String choicePage(long id, Scope scope, Model model) {
        UnmatchedCallLinks.Choice choice = links.choice(id).orElseThrow(() -> new NotFoundException("call " + id));
        model.addAttribute("call", queries.find(scope, id).orElseThrow());
        model.addAttribute("candidates", choice.candidates());
        model.addAttribute("tenantNames", tenants.names());
        model.addAttribute("maxReason", UnmatchedLinkForm.MAX_REASON);
        return "calls/link";
    }

    private static String url(String reason, long afterId) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(BASE);
        if (reason != null) {
            url.queryParam("reason", reason);
        }
        if (afterId > 0) {
            url.queryParam("after", afterId);
        }
        return url.build().toUriString();
    }
}
