package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.Changelogs;
import cn.np700.portal.SqlInSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside the bindings module, only {@code bindings.ledger} writes the binding tables (those db/changelog/bindings
 * creates), and only it and the read-only places below read them. Other modules are held to the same tables by
 * {@code TableOwnershipTests}, which lets none of them write here.
 */
class BindingTablesOwnedByTheLedgerTests {

    private static final String LEDGER = "ledger/";

    /** "file or folder under bindings/: why" for reads outside the ledger; never a write. Shrink it. */
    static final Map<String, String> READS_ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("queries/", "the paged, filtered lists are reads for pages: the ledger keeps to what writes need"),
            Map.entry("dashboard/", "the panels' roll-ups (created per day, about to expire, busiest tenants)"),
            Map.entry("BindingRoutes.java", "routing's one look-up: a call is decided by one statement"),
            Map.entry("BindingMatches.java", "call ingestion matches records to bindings in a few set-wise reads"),
            Map.entry("BindingDirectory.java", "call records find bindings by orderRef"),
            Map.entry("BindingHistory.java", "the regulator's trace: the bindings live on an X at a moment"),
            Map.entry("LiveBindingParties.java", "the traffic simulator picks callers among live bindings"),
            Map.entry("BindingUsageFigures.java", "the quota watch reads every tenant's counters off the binding path"),
            Map.entry("NumberBindingSpans.java", "a number's binding history for the numbers desk")));

    /**
     * "table: the one part of bindings that reads and writes it" for the tables bindings creates that are no binding's:
     * the routing cache's journal of changes, written in each changing transaction by the cache's recorder; bulk
     * binding runs' operations and lines, each line's row written in the transaction that applies it.
     */
    static final Map<String, String> OWNED_BY_ANOTHER_PART = Map.of("route_change", "routecache/",
            "binding_file", "bulk/", "binding_file_line", "bulk/");

    @Test
    void onlyTheLedgerWritesTheBindingTablesAndReadsOutsideItAreListed() {
        Set<String> found = uses(Path.of("src/main/java/cn/np700/portal/bindings"), bindingTables(Path.of("db/changelog")));
        found.removeIf(use -> OWNED_BY_ANOTHER_PART.entrySet().stream()
                .anyMatch(part -> use.startsWith(part.getValue()) && use.endsWith(" " + part.getKey())));
        assertThat(found).as("tables found").anyMatch(use -> use.startsWith(LEDGER));

        Set<String> writes = new TreeSet<>(found.stream().filter(use -> use.contains(" writes ")).toList());
        writes.removeIf(use -> use.startsWith(LEDGER));
        assertThat(writes).as("binding tables written outside bindings.ledger").isEmpty();

        Set<String> reads = new TreeSet<>(found.stream().filter(use -> use.contains(" reads ") && !use.startsWith(LEDGER))
                .toList());
        reads.removeIf(use -> READS_ALLOWED.keySet().stream().anyMatch(use::startsWith));
        assertThat(reads).as("binding tables read outside bindings.ledger without a reason in READS_ALLOWED").isEmpty();

        Set<String> stale = new TreeSet<>(READS_ALLOWED.keySet());
        stale.removeIf(allowed -> found.stream().anyMatch(use -> use.startsWith(allowed)));
        assertThat(stale).as("allowances no code needs any more: remove them").isEmpty();
    }

    @Test
    void theCheckSeesAPlantedWriteAndAPlantedRead(@TempDir Path dir) throws IOException {
        Path changelog = Files.createDirectories(dir.resolve("changelog/bindings"));
        Files.writeString(changelog.resolve("001.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: planted
                      changes:
                        - createTable:
                            tableName: binding_slot
                """);
        Path code = Files.createDirectories(dir.resolve("java/changes"));
        Files.writeString(code.resolve("Planted.java"), """
                class Planted {
                    void plant() {
                        jdbc.sql("DELETE FROM binding_slot WHERE binding_id = ?");
                        jdbc.sql(\"""
                                SELECT s.x FROM pool_number p JOIN binding_slot s ON s.x = p.number\""");
                    }
                }
                """);
        Files.createDirectories(dir.resolve("java/ledger"));
        Files.writeString(dir.resolve("java/ledger/Owner.java"), """
                class Owner {
                    void own() {
                        jdbc.sql("INSERT INTO binding_slot (x, party_hash) VALUES (?, ?)");
                    }
                }
                """);

        Set<String> found = uses(dir.resolve("java"), bindingTables(dir.resolve("changelog")));

        assertThat(found).containsExactly("changes/Planted.java reads binding_slot", "changes/Planted.java writes binding_slot",
                "ledger/Owner.java writes binding_slot");
    }

    private static Set<String> bindingTables(Path changelogs) {
        Set<String> tables = new TreeSet<>();
        Changelogs.owners(changelogs).forEach((table, module) -> {
            if (module.equals("bindings")) {
                tables.add(table);
            }
        });
        assertThat(tables).as("the bindings module's tables").contains("binding_slot");
        return tables;
    }

    /** "path/under/root.java reads|writes table" for every binding table named in SQL below {@code root}. */
    private static Set<String> uses(Path root, Set<String> tables) {
        Set<String> uses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String where = root.relativize(file).toString().replace('\\', '/');
                String sql = SqlInSource.of(Files.readString(file));
                for (String table : tables) {
                    if (SqlInSource.writes(sql, table)) {
                        uses.add(where + " writes " + table);
                    }
                    if (SqlInSource.reads(sql, table)) {
                        uses.add(where + " reads " + table);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
