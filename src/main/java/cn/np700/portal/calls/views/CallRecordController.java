package cn.np700.portal.calls.views;

import cn.np700.portal.calls.events.CallEventTimeline;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An enterprise's call records: filtered and keyset-paged on the server, numbers masked, one record's details, and
 * the filtered set as a streamed CSV file. The tenant is the signed-in user's; another tenant's record answers 404.
 */
@Controller
@RequestMapping("/calls")
class CallRecordController {

    private final CallLists lists;
    private final CallFilters filters;
    private final CallRecordQueries queries;
    private final CallCsvExport export;
    private final CallEventTimeline timeline;

    CallRecordController(CallLists lists, CallFilters filters, CallRecordQueries queries, CallCsvExport export,
            CallEventTimeline timeline) {
        this.lists = lists;
        this.filters = filters;
        this.queries = queries;
        this.export = export;
        this.timeline = timeline;
    }

    @GetMapping
    String list(@ModelAttribute("filter") CallFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String after, @RequestParam(required = false) String before,
            Scope.Tenant scope, HtmxRequest htmx, Model model) {
        lists.fill(scope, filter.withoutTenant(), after, before, "/calls", model);
        model.addAttribute("operator", false);
        return HtmxViews.pageOrFragment(htmx, "calls/list", "list");
    }

    @GetMapping("/{id:\\d{1,18}}")
    String show(@PathVariable long id, Scope.Tenant scope, Model model) {
        CallRow call = queries.find(scope, id).orElseThrow(() -> new NotFoundException("call " + id));
        model.addAttribute("call", queries.withOrderRefs(List.of(call)).get(0));
        model.addAttribute("timeline", timeline.of(scope, call.callId()));
        model.addAttribute("basePath", "/calls");
        model.addAttribute("bindingBase", "/bindings");
        model.addAttribute("operator", false);
        return "calls/detail";
    }

    /** Filters that cannot be applied are left out, as on the page the link came from. */
    @GetMapping("/export")
    void export(@ModelAttribute("filter") CallFilter filter, BindingResult ignoredBadFilter,
            Scope.Tenant scope, HttpServletResponse response) throws IOException {
        export.stream(filters.parse(filter.withoutTenant(), scope).criteria(), false, response);
    }
}
