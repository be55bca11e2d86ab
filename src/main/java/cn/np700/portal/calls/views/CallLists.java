package cn.np700.portal.calls.views;

import cn.np700.portal.calls.records.CallDirection;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.scope.Scope;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the enterprise's and the operators' call record lists share: filters kept as typed, keyset pages, export link. */
@Component
class CallLists {

    private final CallFilters filters;
    private final KeysetPages pages;

    CallLists(CallFilters filters, KeysetPages pages) {
        this.filters = filters;
        this.pages = pages;
    }

    /** The platform scope lists every tenant's records (operators), narrowed by the filter's tenant. */
    void fill(Scope scope, CallFilter filter, String after, String before, String basePath, Model model) {
        CallFilters.Parsed parsed = filters.parse(filter, scope);
        Map<String, String> problems = parsed.problems();
        Optional<KeysetCursor> afterCursor = KeysetCursor.parse(after);
        Optional<KeysetCursor> beforeCursor = KeysetCursor.parse(before);
        if (present(after) && afterCursor.isEmpty() || present(before) && beforeCursor.isEmpty()) {
            model.addAttribute("cursorProblem", "call.list.badCursor");
        }
        Map<String, Object> params = filter.asParams();
        model.addAttribute("filter", filter);
        model.addAttribute("problems", problems);
        model.addAttribute("page", pages.read(parsed.criteria(), afterCursor, beforeCursor, basePath, params));
        model.addAttribute("basePath", basePath);
        model.addAttribute("exportUrl", KeysetPages.link(basePath + "/export", params, null, null));
        model.addAttribute("results", CallResult.values());
        model.addAttribute("directions", CallDirection.FILTERABLE);
        model.addAttribute("types", CallType.values());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
