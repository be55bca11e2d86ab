package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintStatus;
import cn.np700.portal.compliance.check.TypedNumber;
import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.PageQuery;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' complaint queue, newest first, and marking a complaint handled or showing its citizen's contact
 * in full (the security rules keep both to operator admins and reviewers, who handle complaints; auditors only look).
 */
@Controller
@RequestMapping("/operator/complaints")
class OperatorComplaintController {

    private static final String BASE = "/operator/complaints";
    private static final int NOTE_MAX = 1_000;

    private final ComplaintQueue queue;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final ComplaintBindings bindings;

    OperatorComplaintController(ComplaintQueue queue, TenantDirectory tenants, Clock clock, ComplaintBindings bindings) {
        this.bindings = bindings;
        this.queue = queue;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String category,
            @RequestParam(required = false) String number, @RequestParam(required = false) Integer page, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("category", category);
        filters.put("number", number);
        Long numberFilter = null;
        if (number != null && !number.isBlank()) {
            var problem = TypedNumber.problem(number);
            if (problem.isPresent()) {
                model.addAttribute("numberProblem", problem.get());
            } else {
                numberFilter = Long.parseLong(TypedNumber.digits(number));
            }
        }
        ComplaintFilter filter = new ComplaintFilter(ComplaintStatus.parse(status), ComplaintCategory.parse(category),
                numberFilter);
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", List.of(ComplaintStatus.values()));
        model.addAttribute("categories", List.of(ComplaintCategory.values()));
        var rows = queue.page(filter, PageQuery.of(page, null));
        model.addAttribute("page", rows);
        model.addAttribute("callBindings", bindings.liveAtCallTime(rows.items()));
        model.addAttribute("links", new ListLinks(BASE, filters, null));
        model.addAttribute("tenantNames", namesById());
        return "compliance/queue";
    }

    /** Keyed as the rows name their tenant, so that the page finds each name. */
    private Map<TenantId, String> namesById() {
        Map<TenantId, String> names = new LinkedHashMap<>();
        tenants.names().forEach((id, name) -> names.put(TenantId.of(id), name));
        return names;
    }

    /** The citizen's contact in full, in place of its masked form; a POST because it writes the audit trail. */
    @PostMapping("/{id:\\d{1,18}}/contact")
    String revealContact(@PathVariable long id, Model model) {
        model.addAttribute("c", queue.revealContact(id).orElseThrow(() -> new NotFoundException("complaint " + id)));
        model.addAttribute("revealed", true);
        return "compliance/queue :: contact";
    }

    /** Back to the queue as it was filtered and paged, with the outcome (or the note's problem) to show. */
    @PostMapping("/{id:\\d{1,18}}/handled")
    String handled(@PathVariable long id, @RequestParam(required = false) String note,
            @RequestParam(required = false) String status, @RequestParam(required = false) String category,
            @RequestParam(required = false) String number, @RequestParam(required = false) Integer page,
            CurrentUser user, RedirectAttributes redirect) {
        String typed = note == null ? "" : note.strip();
        if (queue.find(id).isEmpty()) {
            throw new NotFoundException("complaint " + id);
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("category", category);
        filters.put("number", number);
        String back = new ListLinks(BASE, filters, null).page(page == null ? 1 : Math.max(1, page));
        if (typed.isEmpty() || ComplaintChecks.length(typed) > NOTE_MAX) {
            redirect.addFlashAttribute("noteProblemId", id);
            redirect.addFlashAttribute("noteProblem", typed.isEmpty() ? "complaint.note.required" : "complaint.note.tooLong");
            redirect.addFlashAttribute("typedNote", note);
            return "redirect:" + back + "#complaint-" + id;
        }
        ComplaintQueue.Outcome outcome = queue.markHandled(id, typed, user.username(), clock.instant());
        redirect.addFlashAttribute("notice", outcome == ComplaintQueue.Outcome.HANDLED
                ? "complaint.handled.done" : "complaint.handled.already");
        return "redirect:" + back;
    }
}
