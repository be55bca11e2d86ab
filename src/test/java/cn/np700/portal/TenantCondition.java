package cn.np700.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which tenant-owned tables a SQL statement touches, and which of them it touches without a tenant condition:
 * {@code tenant_id = ?} (or {@code <=>}, {@code IN (...)}, a number) on the table or its alias, a {@code tenant_id}
 * equal to that of a table already constrained, or, for an INSERT, a column list that sets {@code tenant_id}. A
 * statement keyed by id alone is unconstrained. The reading is syntactic: it cannot tell a condition under an OR.
 */
final class TenantCondition {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(from|join|(?<!key )update|into)\\s+(\\w+)(?:\\s+(?:as\\s+)?(\\w+))?");
    private static final Pattern NEXT_IN_LIST = Pattern.compile("\\G\\s*,\\s*(\\w+)(?:\\s+(?:as\\s+)?(\\w+))?");
    private static final Set<String> KEYWORDS = Set.of("where", "set", "on", "join", "left", "right", "inner", "outer",
            "cross", "straight_join", "natural", "using", "group", "order", "limit", "having", "window", "union", "for",
            "lock", "force", "use", "ignore", "values", "value", "select", "partition", "offset", "when", "then", "and",
            "or", "into", "returning", "as", "full", "except", "intersect");
    private static final String VALUE = "(?:\\?|-?\\d+)";
    private static final Pattern TENANT = Pattern.compile("\\b(?:from|join) tenant(?:_profile)?\\b(?: (?:as )?(\\w+))?");

    private final Set<String> tenantTables;

    TenantCondition(Set<String> tenantTables) {
        this.tenantTables = Set.copyOf(tenantTables);
    }

    /**
     * The statement in one line, lower case, without comments, quotes or literal strings, and with a list of
     * placeholders as one ({@code IN (?)}), so that a statement reads the same whatever the length of its list.
     */
    static String normalize(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^'\\\\]|\\\\.|'')*'", "?").replace("`", "").replaceAll("\\s+", " ").trim()
                .toLowerCase(java.util.Locale.ROOT).replaceAll("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)", "(?)");
    }

    /** The tenant-owned tables the statement reads or writes. */
    Set<String> touched(String sql) {
        Set<String> tables = new TreeSet<>();
        references(normalize(sql)).values().forEach(r -> tables.add(r.table()));
        return tables;
    }

    /** The tenant-owned tables the statement reads or writes without constraining them to a tenant. */
    Set<String> unconstrained(String sql) {
        String text = normalize(sql);
        Map<String, Reference> references = references(text);
        Set<String> constrained = new TreeSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Reference> entry : references.entrySet()) {
                if (!constrained.contains(entry.getKey()) && constrained(text, entry.getValue(), constrained)) {
                    grew = constrained.add(entry.getKey());
                }
            }
        }
        Set<String> unconstrained = new TreeSet<>();
        references.forEach((key, reference) -> {
            if (!constrained.contains(key)) {
                unconstrained.add(reference.table());
            }
        });
        return unconstrained;
    }

    private record Reference(String table, String qualifier, boolean insert) {
    }

    /** Tenant-owned table references by the name they are qualified with (the alias, else the table). */
    private Map<String, Reference> references(String text) {
        Map<String, Reference> references = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            add(references, m.group(1), m.group(2), m.group(3));
            from = m.end();
            if (m.group(1).equals("from") || m.group(1).equals("join")) {
                Matcher next = NEXT_IN_LIST.matcher(text);
                next.region(m.end(), text.length());
                while (next.lookingAt()) {
                    add(references, "from", next.group(1), next.group(2));
                    from = next.end();
                    next.region(next.end(), text.length());
                }
            }
            if (m.group(3) != null && KEYWORDS.contains(m.group(3))) {
                from = m.start(3);
            }
        }
        return references;
    }

    private void add(Map<String, Reference> references, String verb, String table, String alias) {
        if (!tenantTables.contains(table)) {
            return;
        }
        String qualifier = alias == null || KEYWORDS.contains(alias) ? table : alias;
        String key = qualifier;
        for (int i = 2; references.containsKey(key); i++) {
            key = qualifier + "#" + i; // the same table twice under one name: each use must be constrained
        }
        references.put(key, new Reference(table, qualifier, verb.equals("into")));
    }

    private static boolean constrained(String text, Reference reference, Set<String> constrained) {
        if (reference.insert()) {
            Matcher columns = Pattern.compile("into " + reference.table() + " ?\\(([^)]*)\\)").matcher(text);
            return columns.find() && Pattern.compile("\\btenant_id\\b").matcher(columns.group(1)).find()
                    || Pattern.compile("into " + reference.table() + " set .*\\btenant_id ?= ?" + VALUE).matcher(text).find();
        }
        String column = "(?:(?<![\\w.])|\\b" + Pattern.quote(reference.qualifier()) + "\\.)tenant_id";
        if (Pattern.compile(column + " ?(?:=|<=>) ?" + VALUE + "(?![\\w.])").matcher(text).find()
                || Pattern.compile("(?<![\\w.])" + VALUE + " ?(?:=|<=>) ?" + column + "\\b").matcher(text).find()
                || Pattern.compile(column + " in ?\\(").matcher(text).find()) {
            return true;
        }
        List<String> keys = new ArrayList<>(tenantKeys(text));
        constrained.forEach(other -> keys.add("\\b" + Pattern.quote(other.replaceAll("#\\d+$", "")) + "\\.tenant_id\\b"));
        for (String otherColumn : keys) {
            String qualified = "\\b" + Pattern.quote(reference.qualifier()) + "\\.tenant_id\\b";
            if (Pattern.compile(qualified + " ?(?:=|<=>) ?" + otherColumn).matcher(text).find()
                    || Pattern.compile(otherColumn + " ?(?:=|<=>) ?" + qualified).matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** {@code t.id} of the {@code tenant} table (or its published {@code tenant_profile} view) where the statement fixes it ({@code t.id = ?}): one tenant's id. */
    private static List<String> tenantKeys(String text) {
        List<String> keys = new ArrayList<>();
        Matcher tenant = TENANT.matcher(text);
        while (tenant.find()) {
            String alias = tenant.group(1) == null || KEYWORDS.contains(tenant.group(1)) ? "tenant" : tenant.group(1);
            String id = "\\b" + Pattern.quote(alias) + "\\.id\\b";
            if (Pattern.compile(id + " ?= ?" + VALUE + "(?![\\w.])").matcher(text).find()) {
                keys.add(id);
            }
        }
        return keys;
    }
}
