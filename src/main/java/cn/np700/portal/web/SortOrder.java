package cn.np700.portal.web;

import java.util.Map;

/**
 * A sort asked for in a URL ({@code name} or {@code -name}), resolved against the columns a list allows,
 * so that nothing a user types ever reaches SQL as text.
 */
public record SortOrder(String key, String column, boolean ascending) {

    public static SortOrder parse(String raw, Map<String, String> allowedColumns, String defaultSort) {
        SortOrder order = tryParse(raw, allowedColumns);
        return order != null ? order : tryParse(defaultSort, allowedColumns);
    }

    private static SortOrder tryParse(String raw, Map<String, String> allowedColumns) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        boolean descending = raw.startsWith("-");
        String key = descending ? raw.substring(1) : raw;
        String column = allowedColumns.get(key);
        return column == null ? null : new SortOrder(key, column, !descending);
    }

    public String sql() {
        return column + (ascending ? " ASC" : " DESC");
    }

    /** The URL value that sorts by {@code candidate}: the reverse direction when it is the current key. */
    public String toggle(String candidate) {
        return candidate.equals(key) && ascending ? "-" + candidate : candidate;
    }

    public String param() {
        return ascending ? key : "-" + key;
    }
}
