package cn.np700.portal.calls.views;

import cn.np700.portal.bindings.BindingDirectory;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.records.CallDirection;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns typed filters into query criteria. A value that cannot be applied as typed is left out of the query and
 * explained (field name to message key), so the page can say so next to the field and keep what was typed.
 */
@Component
class CallFilters {

    static final int MAX_ORDER_REF = 64;

    private final BindingDirectory bindings;
    private final PlatformCalendar calendar;

    CallFilters(BindingDirectory bindings, PlatformCalendar calendar) {
        this.bindings = bindings;
        this.calendar = calendar;
    }

    record Parsed(CallCriteria criteria, Map<String, String> problems) {
    }

    /**
     * Within {@code scope}: an enterprise user's tenant, or (operators) the platform, which the filter's tenant may
     * narrow to one. A tenant's scope reads no tenant from the filter.
     */
    Parsed parse(CallFilter filter, Scope scope) {
        Map<String, String> problems = new LinkedHashMap<>();
        TenantFilter tenantFilter = TenantFilter.ANY;
        if (scope instanceof Scope.Platform) {
            tenantFilter = TenantFilter.parse(filter.tenant()).orElse(null);
            if (tenantFilter == null) {
                problems.put("tenant", "binding.filter.tenant");
                tenantFilter = TenantFilter.ANY;
            }
        }
        Optional<TenantId> tenant = scope.tenant().or(tenantFilter::tenant);
        TypedTimes from = time("from", filter.from(), problems);
        TypedTimes to = time("to", filter.to(), problems);
        if (from != null && to != null && !from.start().isBefore(to.end())) {
            problems.put("to", "call.filter.range");
            to = null;
        }
        Long x = null;
        if (typed(filter.x())) {
            x = UsageNumber.parse(filter.x()).map(UsageNumber::value).orElse(null);
            if (x == null) {
                problems.put("x", "binding.x.invalid");
            }
        }
        List<Long> bindingIds = orderRefBindings(filter.orderRef(), tenant, problems);
        Long bindingId = null;
        if (typed(filter.binding())) {
            bindingId = filter.binding().trim().matches("\\d{1,18}") ? Long.valueOf(filter.binding().trim()) : null;
            if (bindingId == null) {
                problems.put("binding", "call.filter.binding");
            }
        }
        String result = choice("result", filter.result(), names(CallResult.values()), problems);
        String direction = choice("direction", filter.direction(), names(CallDirection.FILTERABLE), problems);
        String type = choice("type", filter.type(), names(CallType.values()), problems);
        Instant start = from == null ? null : from.start();
        Instant end = to == null ? null : to.end();
        return new Parsed(new CallCriteria(scope, tenantFilter, start, end, x, bindingIds, bindingId, result, direction, type),
                problems);
    }

    private List<Long> orderRefBindings(String orderRef, Optional<TenantId> tenant, Map<String, String> problems) {
        if (!typed(orderRef)) {
            return null;
        }
        String ref = orderRef.trim();
        if (ref.length() > MAX_ORDER_REF || ref.chars().anyMatch(Character::isISOControl)) {
            problems.put("orderRef", "call.filter.orderRef");
            return null;
        }
        if (tenant.isEmpty()) {
            // the orderRef index starts with the tenant; an order reference is only meaningful within one tenant
            problems.put("orderRef", "call.filter.orderRefNeedsTenant");
            return null;
        }
        return bindings.idsOfOrderRef(tenant.get(), ref);
    }

    private TypedTimes time(String field, String typed, Map<String, String> problems) {
        if (!typed(typed)) {
            return null;
        }
        TypedTimes span = TypedTimes.parse(typed, calendar.zone());
        if (span == null) {
            problems.put(field, "call.filter.time");
        }
        return span;
    }

    private static String choice(String field, String typed, List<String> allowed, Map<String, String> problems) {
        if (!typed(typed)) {
            return null;
        }
        if (allowed.contains(typed.trim())) {
            return typed.trim();
        }
        problems.put(field, "call.filter." + field);
        return null;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static boolean typed(String value) {
        return value != null && !value.isBlank();
    }
}
