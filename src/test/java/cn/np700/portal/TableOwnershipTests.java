package cn.np700.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to the module whose folder under {@code db/changelog/} creates it, and only that module's code
 * names it in SQL. Another module's table may be read only where {@link #READS_ALLOWED} says why; it is never written.
 * A view created in a module's folder is published by that module: any module may read it, none but its owner names
 * it in a write. The check reads the SQL in the Java sources' string literals and text blocks (and {@code @Table}
 * names).
 */
class TableOwnershipTests {

    /** "module reads table: why". Shrink it; never grow it without the why. */
    static final Map<String, String> READS_ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("bindings reads pool_number", "X selection's one anti-join over the tenant's pool and the live slots forces"
                    + " ix_pool_tenant_status, and MariaDB takes no index hint on a view; routing's one look-up")));

    /** "module writes table: why": none; a module changes another's data only through that module's API. */
    static final Map<String, String> WRITES_ALLOWED = new TreeMap<>();

    private static final Pattern ENTITY = Pattern.compile("@Table\\(\"(\\w+)\"\\)");

    @Test
    void noModuleWritesAnotherModulesTableAndReadsOnlyWhereAllowed() {
        Map<String, String> owners = owners(Path.of("db/changelog"));
        assertThat(owners).as("tables found in the changelogs").hasSizeGreaterThan(40);
        Set<String> found = uses(Path.of("src/main/java/cn/np700/portal"), owners,
                Changelogs.publishedViews(Path.of("db/changelog")));

        Set<String> unexplained = new TreeSet<>(found);
        unexplained.removeAll(READS_ALLOWED.keySet());
        unexplained.removeAll(WRITES_ALLOWED.keySet());
        assertThat(unexplained).as("a module names another module's table without a reason in READS_ALLOWED").isEmpty();
        Set<String> stale = new TreeSet<>(READS_ALLOWED.keySet());
        stale.addAll(WRITES_ALLOWED.keySet());
        stale.removeAll(found);
        assertThat(stale).as("allowances no code needs any more: remove them").isEmpty();
    }

    @Test
    void theCheckSeesAPlantedWriteAndAPlantedRead(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path changelog = Files.createDirectories(dir.resolve("changelog/billing"));
        Files.writeString(changelog.resolve("001.yaml"), changeLog("invoice"));
        Files.createDirectories(dir.resolve("changelog/shipping"));
        Files.writeString(dir.resolve("changelog/shipping/001.yaml"), changeLog("parcel"));
        Path code = Files.createDirectories(dir.resolve("java/shipping"));
        Files.writeString(code.resolve("Planted.java"), """
                class Planted {
                    void plant() {
                        jdbc.sql("UPDATE invoice SET paid = TRUE WHERE id = ?");
                        jdbc.sql(\"""
                                SELECT p.id FROM parcel p JOIN invoice i ON i.id = p.invoice_id\""");
                        jdbc.sql("SELECT * FROM parcel");
                    }
                }
                """);
        Set<String> found = uses(dir.resolve("java"), owners(dir.resolve("changelog")),
                Changelogs.publishedViews(dir.resolve("changelog")));
        assertThat(found).containsExactly("shipping reads invoice", "shipping writes invoice");
    }

    @Test
    void aPublishedViewMayBeReadButNotWritten(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path changelog = Files.createDirectories(dir.resolve("changelog/billing"));
        Files.writeString(changelog.resolve("001.yaml"), changeLog("invoice"));
        Files.writeString(changelog.resolve("002.yaml"), "databaseChangeLog:\n  - changeSet:\n      id: view\n"
                + "      changes:\n        - sql:\n            sql: CREATE ALGORITHM=MERGE VIEW invoice_paid AS"
                + " SELECT id, paid FROM invoice\n        - createView:\n            viewName: invoice_total\n"
                + "            selectQuery: SELECT id, total FROM invoice\n");
        Path code = Files.createDirectories(dir.resolve("java/shipping"));
        Files.writeString(code.resolve("Reads.java"), """
                class Reads {
                    void read() {
                        jdbc.sql("SELECT p.paid, t.total FROM invoice_paid p JOIN invoice_total t ON t.id = p.id");
                    }
                }
                """);
        Map<String, String> views = Changelogs.publishedViews(dir.resolve("changelog"));
        assertThat(views).containsOnlyKeys("invoice_paid", "invoice_total").containsValue("billing");
        assertThat(uses(dir.resolve("java"), owners(dir.resolve("changelog")), views)).isEmpty();

        Files.writeString(code.resolve("Writes.java"), """
                class Writes {
                    void write() {
                        jdbc.sql("UPDATE invoice_paid SET paid = TRUE WHERE id = ?");
                        jdbc.sql("SELECT id FROM invoice WHERE paid");
                    }
                }
                """);
        assertThat(uses(dir.resolve("java"), owners(dir.resolve("changelog")), views))
                .containsExactly("shipping reads invoice", "shipping writes invoice_paid");
    }

    static Map<String, String> owners(Path changelogs) {
        return Changelogs.owners(changelogs);
    }

    private static String changeLog(String table) {
        return "databaseChangeLog:\n  - changeSet:\n      id: planted\n      changes:\n        - createTable:\n"
                + "            tableName: " + table + "\n";
    }

    /**
     * "module reads|writes table" for every use of another module's table, and every write to another module's view,
     * in the sources below {@code root}.
     */
    static Set<String> uses(Path root, Map<String, String> owners, Map<String, String> views) {
        Set<String> uses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = root.relativize(file).getName(0).toString();
                String source = Files.readString(file);
                String text = SqlInSource.of(source);
                for (Map.Entry<String, String> table : owners.entrySet()) {
                    if (table.getValue().equals(module)) {
                        continue;
                    }
                    if (SqlInSource.writes(text, table.getKey())) {
                        uses.add(module + " writes " + table.getKey());
                    }
                    if (SqlInSource.reads(text, table.getKey())) {
                        uses.add(module + " reads " + table.getKey());
                    }
                }
                for (Map.Entry<String, String> view : views.entrySet()) {
                    if (!view.getValue().equals(module) && SqlInSource.writes(text, view.getKey())) {
                        uses.add(module + " writes " + view.getKey());
                    }
                }
                Matcher entity = ENTITY.matcher(source);
                while (entity.find()) {
                    String owner = owners.getOrDefault(entity.group(1), views.get(entity.group(1)));
                    if (owner != null && !owner.equals(module)) {
                        uses.add(module + " writes " + entity.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
