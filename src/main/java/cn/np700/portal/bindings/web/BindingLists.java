package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.bindings.queries.BindingHolds;
import cn.np700.portal.bindings.queries.BindingQueries;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the enterprise's and the operators' binding lists share: filters kept as typed with a message for each one
 * that cannot be applied, server-side sort and paging, and the search for one real number through its keyed hash.
 */
@Component
class BindingLists {

    static final String DEFAULT_SORT = "-created";

    private final BindingQueries queries;
    private final PersonalDataCipher cipher;

    private final BindingHolds holds;

    BindingLists(BindingQueries queries, PersonalDataCipher cipher, BindingHolds holds) {
        this.holds = holds;
        this.queries = queries;
        this.cipher = cipher;
    }

    /** The platform's scope lists every tenant's bindings (operators), narrowed by the filter's tenant. */
    void fill(Scope scope, BindingFilter filter, String sort, Integer page, String basePath, Model model) {
        SortOrder order = SortOrder.parse(sort, BindingQueries.SORTS, DEFAULT_SORT);
        model.addAttribute("filter", filter);
        model.addAttribute("problems", problems(filter));
        var found = queries.find(scope, filter, order, PageQuery.of(page, null));
        model.addAttribute("page", found);
        model.addAttribute("holds", holds.of(found.items()));
        model.addAttribute("links", new ListLinks(basePath, filter.asParams(), order));
        model.addAttribute("sort", order.param());
        model.addAttribute("basePath", basePath);
        model.addAttribute("statuses", BindingStatus.values());
        model.addAttribute("modes", BindingMode.values());
    }

    /** Field name to message key for every filter that was typed but cannot be applied as typed. */
    static Map<String, String> problems(BindingFilter filter) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (typed(filter.status()) && filter.statusValue() == null) {
            problems.put("status", "binding.filter.status");
        }
        if (typed(filter.mode()) && filter.modeValue() == null) {
            problems.put("mode", "binding.filter.mode");
        }
        problems.putAll(filter.problems());
        if (filter.fromValue() != null && filter.toValue() != null && filter.fromValue().isAfter(filter.toValue())) {
            problems.put("to", "binding.filter.range");
        }
        if (filter.tenantFilter().isEmpty()) {
            problems.put("tenant", "binding.filter.tenant");
        }
        return problems;
    }

    /**
     * The list's address for a typed number: its keyed hash (never the number) with the other filters and the sort
     * in force; empty when what was typed is not a mobile number.
     */
    Optional<String> searchUrl(String basePath, String number, BindingFilter filter, String sort) {
        return PhoneNumbers.normalizeMobile(number).map(normalized -> {
            Map<String, Object> params = filter.asParams();
            params.put("numberHash", HexFormat.of().formatHex(cipher.index(normalized)));
            UriComponentsBuilder url = UriComponentsBuilder.fromPath(basePath);
            params.forEach((key, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    url.queryParam(key, value);
                }
            });
            SortOrder order = SortOrder.parse(sort, BindingQueries.SORTS, null);
            if (order != null) {
                url.queryParam("sort", order.param());
            }
            return url.build().encode().toUriString();
        });
    }

    private static boolean typed(String value) {
        return value != null && !value.isBlank();
    }
}
