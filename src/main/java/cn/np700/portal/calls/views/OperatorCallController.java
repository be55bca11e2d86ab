package cn.np700.portal.calls.views;

import cn.np700.portal.calls.events.CallEventTimeline;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.TenantDirectory;
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

/** Operators, reviewers and auditors see every tenant's call records (and the unmatched ones), numbers masked. */
@Controller
@RequestMapping("/operator/calls")
class OperatorCallController {

    private static final String BASE = "/operator/calls";

    private final CallLists lists;
    private final CallFilters filters;
    private final CallRecordQueries queries;
    private final CallCsvExport export;
    private final TenantDirectory tenants;
    private final CallEventTimeline timeline;

    OperatorCallController(CallLists lists, CallFilters filters, CallRecordQueries queries, CallCsvExport export,
            TenantDirectory tenants, CallEventTimeline timeline) {
        this.lists = lists;
        this.filters = filters;
        this.queries = queries;
        this.export = export;
        this.tenants = tenants;
        this.timeline = timeline;
    }

    @GetMapping
    String list(@ModelAttribute("filter") CallFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String after, @RequestParam(required = false) String before,
            Scope scope, HtmxRequest htmx, Model model) {
        lists.fill(scope, filter, after, before, BASE, model);
        model.addAttribute("operator", true);
        model.addAttribute("tenantNames", TenantNames.byId(tenants.names()));
        return HtmxViews.pageOrFragment(htmx, "calls/list", "list");
    }

    @GetMapping("/{id:\\d{1,18}}")
    String show(@PathVariable long id, Scope scope, Model model) {
        CallRow call = queries.find(scope, id).orElseThrow(() -> new NotFoundException("call " + id));
        model.addAttribute("call", queries.withOrderRefs(List.of(call)).get(0));
        model.addAttribute("timeline", timeline.of(scope, call.callId()));
        model.addAttribute("basePath", BASE);
        model.addAttribute("bindingBase", "/operator/bindings");
        model.addAttribute("operator", true);
        model.addAttribute("tenantName", call.tenantId() == null ? null : TenantNames.byId(tenants.names()).get(call.tenantId()));
        return "calls/detail";
    }

    @GetMapping("/export")
    void export(@ModelAttribute("filter") CallFilter filter, BindingResult ignoredBadFilter,
            Scope scope, HttpServletResponse response) throws IOException {
        export.stream(filters.parse(filter, scope).criteria(), true, response);
    }
}
