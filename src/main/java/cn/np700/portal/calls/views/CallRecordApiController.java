package cn.np700.portal.calls.views;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemException;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/call-records}: the key's tenant's call records, newest first, filtered like the portal's list,
 * {@code limit} at a time (at most {@value #MAX_LIMIT}); {@code next} is the cursor to pass as {@code after} for the
 * following page, null on the last. A filter that cannot be applied is refused (400), never silently dropped.
 */
@RestController
class CallRecordApiController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Map<String, String> CODES = Map.of("from", "INVALID_TIME", "to", "INVALID_TIME",
            "x", "INVALID_X", "orderRef", "INVALID_ORDER_REF", "result", "INVALID_RESULT", "type", "INVALID_TYPE",
            "after", "INVALID_CURSOR", "limit", "INVALID_LIMIT");

    private final CallFilters filters;
    private final CallRecordQueries queries;
    private final MessageSource messages;

    CallRecordApiController(CallFilters filters, CallRecordQueries queries, MessageSource messages) {
        this.filters = filters;
        this.queries = queries;
        this.messages = messages;
    }

    record PageJson(List<ApiCallRecord> items, String next) {
    }

    @GetMapping("/api/v1/call-records")
    PageJson list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String x, @RequestParam(required = false) String orderRef,
            @RequestParam(required = false) String result, @RequestParam(required = false) String type,
            @RequestParam(required = false) String after, @RequestParam(required = false) String limit,
            ApiClient client) {
        CallFilters.Parsed parsed = filters.parse(new CallFilter(from, to, x, orderRef, null, result, null, type, null),
                client.scope());
        Map<String, String> problems = new LinkedHashMap<>(parsed.problems());
        Optional<KeysetCursor> cursor = KeysetCursor.parse(after);
        if (after != null && !after.isBlank() && cursor.isEmpty()) {
            problems.put("after", "call.list.badCursor");
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            size = limit.trim().matches("\\d{1,3}") ? Integer.parseInt(limit.trim()) : 0;
            if (size < 1 || size > MAX_LIMIT) {
                problems.put("limit", "call.api.limit");
            }
        }
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
        List<CallRow> rows = queries.older(parsed.criteria(), cursor.orElse(null), size + 1);
        boolean more = rows.size() > size;
        List<CallRow> page = queries.withOrderRefs(more ? rows.subList(0, size) : rows);
        return new PageJson(page.stream().map(ApiCallRecord::of).toList(),
                more ? page.get(page.size() - 1).cursor().encode() : null);
    }

    private ApiProblemException refused(Map<String, String> problems) {
        List<FieldProblem> fields = new ArrayList<>();
        problems.forEach((field, key) -> fields.add(new FieldProblem(field, CODES.get(field),
                messages.getMessage(key, "limit".equals(field) ? new Object[] {MAX_LIMIT} : null, Locale.ENGLISH))));
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", fields.get(0).message(), fields);
    }
}
