package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import java.util.Set;
import org.springframework.validation.Errors;

/** An operator's simulation request as typed: the tenant, how many calls, and over how many past hours. */
public record TrafficForm(String tenantId, String calls, String spanHours) {

    static final int MAX_CALLS = 100_000;
    static final int MAX_SPAN_HOURS = 720;

    static TrafficForm blank() {
        return new TrafficForm("", "1000", "24");
    }

    /** The checked request, or null with each problem reported next to its field. */
    Checked check(Set<Long> tenants, Errors errors) {
        TenantId tenant = null;
        if (tenantId == null || tenantId.isBlank()) {
            errors.rejectValue("tenantId", "traffic.tenant.required");
        } else if (!tenantId.trim().matches("\\d{1,18}") || !tenants.contains(Long.parseLong(tenantId.trim()))) {
            errors.rejectValue("tenantId", "traffic.tenant.unknown");
        } else {
            tenant = TenantId.of(Long.parseLong(tenantId.trim()));
        }
        Integer count = number("calls", calls, 1, MAX_CALLS, errors);
        Integer hours = number("spanHours", spanHours, 1, MAX_SPAN_HOURS, errors);
        return errors.hasErrors() ? null : new Checked(tenant, count, hours);
    }

    record Checked(TenantId tenant, int calls, int spanHours) {
    }

    private static Integer number(String field, String typed, int min, int max, Errors errors) {
        String t = typed == null ? "" : typed.trim().replace(",", "");
        if (!t.matches("\\d{1,9}") || Integer.parseInt(t) < min || Integer.parseInt(t) > max) {
            errors.rejectValue(field, "traffic.range", new Object[] {min, max}, "traffic.range");
            return null;
        }
        return Integer.valueOf(t);
    }
}
