package cn.np700.portal.audit.web;

import cn.np700.portal.audit.TenantLabels;
import cn.np700.portal.audit.trail.ChainVerifier;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail: operator admins and auditors (the platform's scope) see everything, an enterprise admin only their own
 * tenant's entries. The scope comes from the signed-in user; a request without one gets no page.
 */
@Controller
@RequestMapping("/audit")
class AuditController {

    private final AuditEntries entries;
    private final ChainVerifier verifier;
    private final TenantLabels tenants;

    AuditController(AuditEntries entries, ChainVerifier verifier, TenantLabels tenants) {
        this.entries = entries;
        this.verifier = verifier;
        this.tenants = tenants;
    }

    /** Bad filter input never fails the page: each problem is shown next to its field and that filter is left out. */
    @GetMapping
    String list(@ModelAttribute("filter") AuditFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String order, Scope scope, HtmxRequest htmx, Model model) {
        model.addAttribute("problems", filter.problems());
        boolean oldestFirst = "asc".equals(order);
        model.addAttribute("order", oldestFirst ? "asc" : "desc");
        model.addAttribute("page", entries.find(filter, scope, oldestFirst, PageQuery.of(page, size)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("from", filter.fromText());
        filters.put("to", filter.toText());
        filters.put("actor", filter.actor());
        filters.put("tenantId", filter.tenantText());
        filters.put("action", filter.action());
        filters.put("order", oldestFirst ? "asc" : null);
        model.addAttribute("links", new ListLinks("/audit", filters, null));
        Map<TenantId, String> names = new LinkedHashMap<>();
        tenants.all().forEach((id, name) -> names.put(TenantId.of(id), name));
        model.addAttribute("tenantNames", names);
        model.addAttribute("actions", entries.actions(scope));
        model.addAttribute("allTenants", scope.tenant().isEmpty());
        return HtmxViews.pageOrFragment(htmx, "audit/entries", "list");
    }

    @PostMapping("/verify")
    String verify(HtmxRequest htmx, Model model) {
        model.addAttribute("verification", verifier.verify());
        return htmx.isHtmxRequest() ? "audit/verification :: result" : "audit/verification";
    }
}
