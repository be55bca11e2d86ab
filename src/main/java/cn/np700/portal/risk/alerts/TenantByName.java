package cn.np700.portal.risk.alerts;

import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the enterprise an operator typed into a filter: its id, its exact name (any case), or the one name containing
 * what was typed. Several names containing it, or none, is a problem to show next to the field.
 */
public record TenantByName(TenantFilter filter, String problemKey, List<String> candidates) {

    static final int MAX_CANDIDATES = 5;

    static TenantByName none() {
        return new TenantByName(TenantFilter.ANY, null, List.of());
    }

    public boolean problem() {
        return problemKey != null;
    }

    static TenantByName find(String typed, Map<Long, String> names) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return none();
        }
        if (t.matches("\\d{1,18}") && names.containsKey(Long.parseLong(t))) {
            return new TenantByName(TenantFilter.of(TenantId.of(Long.parseLong(t))), null, List.of());
        }
        String wanted = t.toLowerCase(Locale.ROOT);
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().toLowerCase(Locale.ROOT).equals(wanted)) {
                return new TenantByName(TenantFilter.of(TenantId.of(e.getKey())), null, List.of());
            }
        }
        List<Map.Entry<Long, String>> containing = names.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains(wanted)).toList();
        if (containing.size() == 1) {
            return new TenantByName(TenantFilter.of(TenantId.of(containing.get(0).getKey())), null, List.of());
        }
        if (containing.isEmpty()) {
            return new TenantByName(TenantFilter.ANY, "risk.filter.tenant.unknown", List.of());
        }
        return new TenantByName(TenantFilter.ANY, "risk.filter.tenant.ambiguous",
                containing.stream().map(Map.Entry::getValue).sorted().limit(MAX_CANDIDATES).toList());
    }
}
