package cn.np700.portal.verification.web;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.verification.VerificationOutcome;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Operators, reviewers and auditors see every tenant's checks, read only, numbers masked; the URL holds no number. */
@Controller
@RequestMapping("/operator/verifications")
class OperatorVerificationController {

    private final VerificationQueries queries;
    private final PersonalDataCipher cipher;
    private final TenantDirectory tenants;

    OperatorVerificationController(VerificationQueries queries, PersonalDataCipher cipher, TenantDirectory tenants) {
        this.queries = queries;
        this.cipher = cipher;
        this.tenants = tenants;
    }

    /** A tenant filter that is not a tenant id is said so next to the field and left out, as the audit list does. */
    @GetMapping
    String list(@RequestParam(required = false) String outcome, @RequestParam(required = false) String numberHash,
            @RequestParam(name = "tenantId", required = false) String tenant, @RequestParam(required = false) Integer page,
            Scope scope, HtmxRequest htmx, Model model) {
        VerificationFilter filter = new VerificationFilter(outcome, numberHash);
        Optional<TenantFilter> parsed = TenantFilter.parse(tenant);
        if (parsed.isEmpty()) {
            model.addAttribute("tenantProblem", "verify.filter.tenant.invalid");
            model.addAttribute("typedTenant", tenant.strip());
        }
        TenantFilter tenantFilter = parsed.orElse(TenantFilter.ANY);
        model.addAttribute("filter", filter);
        model.addAttribute("tenantFilter", tenantFilter);
        model.addAttribute("page", queries.find(scope, tenantFilter, filter.outcomeValue(), filter.hashValue(),
                PageQuery.of(page, null)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("outcome", filter.outcomeValue() == null ? null : outcome);
        filters.put("numberHash", filter.hashValue() == null ? null : numberHash);
        filters.put("tenantId", tenantFilter.tenant().orElse(null));
        model.addAttribute("links", new ListLinks("/operator/verifications", filters, null));
        model.addAttribute("outcomes", VerificationOutcome.values());
        model.addAttribute("tenantNames", tenants.names());
        return HtmxViews.pageOrFragment(htmx, "verification/all", "results");
    }

    @PostMapping("/search")
    String search(@RequestParam(required = false) String number, Scope scope, HtmxRequest htmx, Model model) {
        String normalized = PhoneNumbers.normalizeMobile(number).orElse(null);
        if (normalized == null) {
            model.addAttribute("numberProblem", "mobile.invalid");
            model.addAttribute("typedNumber", number);
            return list(null, null, null, null, scope, htmx, model);
        }
        return "redirect:/operator/verifications?numberHash=" + HexFormat.of().formatHex(cipher.index(normalized));
    }
}
