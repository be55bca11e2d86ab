package cn.np700.portal.bindings.queries;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bindings list's filters as typed, kept so the page can show them back. A real number is searched only through
 * its keyed hash, which is all the URL ever carries. Values that do not parse are reported by {@link #problems()}.
 */
public record BindingFilter(String status, String mode, String x, String orderRef, String from, String to, String numberHash,
        String tenant) {

    static BindingFilter none() {
        return new BindingFilter(null, null, null, null, null, null, null, null);
    }

    public BindingStatus statusValue() {
        return parse(BindingStatus.class, status);
    }

    public BindingMode modeValue() {
        return parse(BindingMode.class, mode);
    }

    public UsageNumber xValue() {
        return blank(x) ? null : UsageNumber.parse(x).orElse(null);
    }

    public String orderRefValue() {
        return blank(orderRef) ? null : orderRef.trim();
    }

    public LocalDate fromValue() {
        return date(from);
    }

    public LocalDate toValue() {
        return date(to);
    }

    public byte[] hashValue() {
        return numberHash != null && numberHash.matches("[0-9a-f]{64}") ? HexFormat.of().parseHex(numberHash) : null;
    }

    /** The operator's narrowing to one tenant; empty when what was typed is not a tenant id. */
    public Optional<TenantFilter> tenantFilter() {
        return TenantFilter.parse(tenant);
    }

    /** The tenant chosen, for the form to show back; null for any tenant or one that does not parse. */
    public TenantId tenantValue() {
        return tenantFilter().flatMap(TenantFilter::tenant).orElse(null);
    }

    /** Field name to message key, for each filter typed in a form that cannot be used. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!blank(x) && xValue() == null) {
            problems.put("x", "binding.x.invalid");
        }
        if (!blank(from) && fromValue() == null) {
            problems.put("from", "binding.filter.date");
        }
        if (!blank(to) && toValue() == null) {
            problems.put("to", "binding.filter.date");
        }
        return problems;
    }

    /** The filters for the list's links (sort, pages), blanks left out. */
    public Map<String, Object> asParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", statusValue() == null ? null : status);
        params.put("mode", modeValue() == null ? null : mode);
        params.put("x", x);
        params.put("orderRef", orderRef);
        params.put("from", from);
        params.put("to", to);
        params.put("numberHash", hashValue() == null ? null : numberHash);
        params.put("tenant", tenantValue() == null ? null : tenant);
        return params;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (blank(value)) {
            return null;
        }
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equals(value.trim())) {
                return candidate;
            }
        }
        return null;
    }
}
