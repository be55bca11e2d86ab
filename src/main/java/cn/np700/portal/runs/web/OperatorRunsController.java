package cn.np700.portal.runs.web;

import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.runs.engine.RunTable;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every background run of the platform for operators (OPERATOR_ADMIN, by the URL rules): which are going, on which
 * node, which were resumed after a node died, how far each got. Filtered by kind and status, paged and sorted on the
 * server.
 */
@Controller
class OperatorRunsController {

    static final String BASE = "/operator/runs";
    private static final Map<String, String> SORTS = Map.of("created", "created_at", "kind", "kind", "status", "status",
            "claims", "claims");

    private final RunTable table;
    private final List<String> kinds;
    private final TenantDirectory tenants;

    OperatorRunsController(RunTable table, List<RunWork<?, ?>> works, TenantDirectory tenants) {
        this.table = table;
        this.kinds = List.copyOf(new TreeSet<>(works.stream().map(RunWork::kind).toList()));
        this.tenants = tenants;
    }

    @GetMapping(BASE)
    String list(@RequestParam(required = false) String kind, @RequestParam(required = false) String status,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, Model model) {
        Map<String, String> problems = new LinkedHashMap<>();
        String chosenKind = blank(kind) ? null : kind.trim();
        if (chosenKind != null && !kinds.contains(chosenKind)) {
            problems.put("kind", "runs.filter.badKind");
            chosenKind = null;
        }
        RunStatus chosenStatus = null;
        if (!blank(status)) {
            chosenStatus = Arrays.stream(RunStatus.values()).filter(s -> s.name().equals(status.trim())).findFirst()
                    .orElse(null);
            if (chosenStatus == null) {
                problems.put("status", "runs.filter.badStatus");
            }
        }
        SortOrder order = SortOrder.parse(sort, SORTS, "-created");
        Page<Run> runs = table.page(chosenKind, chosenStatus, order, PageQuery.of(page, size));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("kind", kind);
        filters.put("status", status);
        model.addAttribute("runs", runs);
        model.addAttribute("owners", table.owners(runs.items().stream().filter(Run::running).map(Run::id).toList()));
        model.addAttribute("links", new ListLinks(BASE, filters, order));
        model.addAttribute("kinds", kinds);
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("kind", kind);
        model.addAttribute("status", status);
        model.addAttribute("problems", problems);
        model.addAttribute("tenantNames", tenants.names());
        return "runs/list";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
