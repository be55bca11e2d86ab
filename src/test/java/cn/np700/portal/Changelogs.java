package cn.np700.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What the Liquibase changelogs under {@code db/changelog/<module>/} say about the tables: which module creates each,
 * which views each module publishes, and which carry a {@code tenant_id} column (created with it or given it later).
 * Read from the YAML, not a hand list.
 */
public final class Changelogs {

    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\w+\\s+)?VIEW\\s+`?(\\w+)");
    private static final Pattern TENANT_ID = Pattern.compile("(?i)\\btenant_id\\b");

    private Changelogs() {
    }

    /** Table name to the module whose changelog folder creates it. */
    public static Map<String, String> owners(Path changelogs) {
        Map<String, String> owners = new TreeMap<>();
        forEachChange(changelogs, (module, kind, change) -> {
            if (kind.equals("createTable")) {
                owners.put((String) change.get("tableName"), module);
            }
        });
        return owners;
    }

    /**
     * View name to the module whose changelog folder creates it (a Liquibase {@code createView} or {@code CREATE VIEW}
     * in a {@code sql} change): the module publishes it, and other modules may read it.
     */
    public static Map<String, String> publishedViews(Path changelogs) {
        Map<String, String> views = new TreeMap<>();
        forEachChange(changelogs,
                (module, kind, change) -> viewsCreated(kind, change).forEach(view -> views.put(view, module)));
        return views;
    }

    /** The tables with a {@code tenant_id} column, and the views that show one: the tenant-owned ones. */
    public static Set<String> tenantOwnedTables(Path changelogs) {
        Set<String> tables = new TreeSet<>();
        forEachChange(changelogs, (module, kind, change) -> {
            List<String> views = viewsCreated(kind, change);
            Object query = change.get(kind.equals("sql") ? "sql" : "selectQuery");
            if (!views.isEmpty() && TENANT_ID.matcher(String.valueOf(query)).find()) {
                tables.addAll(views);
            }
            if ((kind.equals("createTable") || kind.equals("addColumn")) && change.get("columns") instanceof List<?> columns
                    && columns.stream().anyMatch(c -> c instanceof Map<?, ?> entry
                            && entry.get("column") instanceof Map<?, ?> column && "tenant_id".equals(column.get("name")))) {
                tables.add((String) change.get("tableName"));
            }
        });
        return tables;
    }

    private static List<String> viewsCreated(String kind, Map<?, ?> change) {
        if (kind.equals("createView")) {
            return List.of((String) change.get("viewName"));
        }
        List<String> views = new ArrayList<>();
        if (kind.equals("sql") && change.get("sql") instanceof String sql) {
            Matcher view = CREATE_VIEW.matcher(sql);
            while (view.find()) {
                views.add(view.group(1));
            }
        }
        return views;
    }

    private interface ChangeVisitor {
        void visit(String module, String kind, Map<?, ?> change);
    }

    private static void forEachChange(Path changelogs, ChangeVisitor visitor) {
        try (Stream<Path> files = Files.walk(changelogs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getParent().equals(changelogs)) {
                    continue;
                }
                String module = changelogs.relativize(file).getName(0).toString();
                Object log = new Yaml().load(Files.readString(file));
                if (!(log instanceof Map<?, ?> root) || !(root.get("databaseChangeLog") instanceof List<?> entries)) {
                    continue;
                }
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> wrapper && wrapper.get("changeSet") instanceof Map<?, ?> changeSet
                            && changeSet.get("changes") instanceof List<?> changes) {
                        for (Object change : changes) {
                            if (change instanceof Map<?, ?> one) {
                                one.forEach((kind, body) -> {
                                    if (body instanceof Map<?, ?> map) {
                                        visitor.visit(module, (String) kind, map);
                                    }
                                });
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
