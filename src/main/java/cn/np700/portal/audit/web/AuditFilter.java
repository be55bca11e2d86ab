package cn.np700.portal.audit.web;

import cn.np700.portal.scope.TenantFilter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The filters of the audit list, kept exactly as typed so the page can show them again next to their message.
 * A value that cannot be read is left out of the query (its accessor answers null) and named by {@link #problems()}.
 */
record AuditFilter(@BindParam("from") String fromText, @BindParam("to") String toText, String actor,
        @BindParam("tenantId") String tenantText, String action) {

    static final String BAD_DATE = "audit.filter.date.invalid";
    static final String BAD_TENANT = "audit.filter.tenant.invalid";
    static final String BAD_RANGE = "audit.filter.range";

    /** Years the DATETIME column can compare against; anything outside is a typing slip, not a real range. */
    private static final int FIRST_YEAR = 1000;
    private static final int LAST_YEAR = 9998;

    public LocalDate from() {
        return date(fromText);
    }

    public LocalDate to() {
        return date(toText);
    }

    /** The operator's narrowing to one tenant; any tenant when none was chosen or what was typed is not a tenant id. */
    public TenantFilter tenant() {
        return TenantFilter.parse(tenantText).orElse(TenantFilter.ANY);
    }

    public String actorTrimmed() {
        return isBlank(actor) ? null : actor.trim();
    }

    public String actionTrimmed() {
        return isBlank(action) ? null : action.trim().toUpperCase();
    }

    /** Message keys by form field name, for each filter that was typed but cannot be applied as typed. */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!isBlank(fromText) && from() == null) {
            problems.put("from", BAD_DATE);
        }
        if (!isBlank(toText) && to() == null) {
            problems.put("to", BAD_DATE);
        }
        if (from() != null && to() != null && from().isAfter(to())) {
            problems.put("to", BAD_RANGE);
        }
        if (TenantFilter.parse(tenantText).isEmpty()) {
            problems.put("tenantId", BAD_TENANT);
        }
        return problems;
    }

    private static LocalDate date(String text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            return date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
