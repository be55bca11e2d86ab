package cn.np700.portal.numbers.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.inventory.ImportReport.LineProblem;
import cn.np700.portal.support.PortalIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recording granted blocks: all or nothing, every problem named with its line. */
@PortalIntegrationTest
class InventoryImportTests {

    private static final String DATE = "2025-03-01";

    @Autowired
    InventoryImport imports;
    @Autowired
    TestNumbers numbers;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSingleCodeIsRecordedInInventoryWithItsGrantAndOneAuditEntry() {
        long code = numbers.freshCodes(1);
        String ref = TestNumbers.grantRef();

        ImportReport report = imports.run(List.of(new ImportLine(1, " 700 " + digits(code).substring(3, 7) + " "
                + digits(code).substring(7) + " ", ref, DATE)), InventoryImport.Source.SINGLE);

        assertThat(report.ok()).isTrue();
        assertThat(report.blocks()).isEqualTo(1);
        var row = jdbc.sql("SELECT status, grant_ref, grant_date, tenant_id, import_id FROM number_block WHERE code = ?")
                .param(code)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getObject(4) == null ? "none" : rs.getObject(4), rs.getLong(5)))
                .single();
        assertThat(row.subList(0, 4)).containsExactly("IN_INVENTORY", ref, LocalDate.parse(DATE), "none");
        String importId = row.get(4).toString();
        assertThat(numbers.audits("BLOCKS_IMPORTED", "BLOCK_IMPORT", importId)).isEqualTo(1);
        assertThat(numbers.auditDetails("BLOCKS_IMPORTED", "BLOCK_IMPORT", importId).get(0))
                .contains("\"blocks\":1").contains(digits(code)).contains(ref);
        assertThat(jdbc.sql("SELECT source, blocks, first_code, last_code FROM block_import WHERE id = ?")
                .param(Long.parseLong(importId))
                .query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4))).single())
                .containsExactly("SINGLE", 1, code, code);
    }

    @Test
    void aRangeRecordsEveryCodeInItAndNothingAround() {
        long first = numbers.freshCodes(250);

        ImportReport report = imports.run(List.of(new ImportLine(1, first + " - " + (first + 249), TestNumbers.grantRef(),
                DATE)), InventoryImport.Source.RANGE);

        assertThat(report.ok()).isTrue();
        assertThat(report.blocks()).isEqualTo(250);
        assertThat(numbers.blocksBetween(first, first + 249)).isEqualTo(250);
        assertThat(numbers.blocksBetween(first + 250, first + 999)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code BETWEEN ? AND ? AND status = 'IN_INVENTORY'")
                .params(first, first + 249).query(Long.class).single()).isEqualTo(250);
        long importId = importIdOf(first);
        assertThat(numbers.audits("BLOCKS_IMPORTED", "BLOCK_IMPORT", Long.toString(importId))).isEqualTo(1);
    }

    @Test
    void aRangeOfExactlyTenThousandIsAccepted() {
        long first = numbers.freshCodes(10_000);

        ImportReport report = imports.run(List.of(new ImportLine(1, first + "-" + (first + 9_999), TestNumbers.grantRef(),
                DATE)), InventoryImport.Source.RANGE);

        assertThat(report.problems()).isEmpty();
        assertThat(numbers.blocksBetween(first, first + 9_999)).isEqualTo(10_000);
    }

    @Test
    void manyLinesAreRecordedAsOneImportWithTheirOwnGrants() {
        long first = numbers.freshCodes(100);
        String refA = TestNumbers.grantRef();
        String refB = TestNumbers.grantRef();

        ImportReport report = imports.run(List.of(
                new ImportLine(1, Long.toString(first), refA, "2025-01-10"),
                new ImportLine(2, (first + 10) + "-" + (first + 19), refB, "2025-02-20"),
                new ImportLine(3, Long.toString(first + 50), refB, "2025-02-20")), InventoryImport.Source.CSV);

        assertThat(report.ok()).isTrue();
        assertThat(report.blocks()).isEqualTo(12);
        assertThat(numbers.blocksBetween(first, first + 99)).isEqualTo(12);
        assertThat(jdbc.sql("SELECT grant_ref FROM number_block WHERE code = ?").param(first).query(String.class).single())
                .isEqualTo(refA);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM number_block WHERE grant_ref = ?").param(refB).query(Long.class).single())
                .isEqualTo(11);
        long importId = importIdOf(first);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT import_id) FROM number_block WHERE code BETWEEN ? AND ?")
                .params(first, first + 99).query(Long.class).single()).isEqualTo(1);
        assertThat(numbers.audits("BLOCKS_IMPORTED", "BLOCK_IMPORT", Long.toString(importId))).isEqualTo(1);
    }

    @Test
    void malformedCodesAreNamedWithTheirLineAndNothingIsKept() {
        long first = numbers.freshCodes(10);

        ImportReport report = importing(first, 10,
                new ImportLine(1, Long.toString(first), TestNumbers.grantRef(), DATE),
                new ImportLine(2, "80012345678", TestNumbers.grantRef(), DATE),
                new ImportLine(3, digits(first).substring(0, 10), TestNumbers.grantRef(), DATE),
                new ImportLine(4, "700123456789", TestNumbers.grantRef(), DATE),
                new ImportLine(5, "7001234567a", TestNumbers.grantRef(), DATE),
                new ImportLine(6, "", TestNumbers.grantRef(), DATE),
                new ImportLine(7, (first + 2) + "-7009", TestNumbers.grantRef(), DATE));

        assertThat(report.problems()).extracting(LineProblem::lineNo, LineProblem::field, LineProblem::key)
                .containsExactly(
                        tuple(2, "fromCode", "blockCode.NOT_700"),
                        tuple(3, "fromCode", "blockCode.LENGTH"),
                        tuple(4, "fromCode", "blockCode.LENGTH"),
                        tuple(5, "fromCode", "blockCode.NOT_DIGITS"),
                        tuple(6, "fromCode", "blockCode.EMPTY"),
                        tuple(7, "toCode", "blockCode.LENGTH"));
        assertThat(report.blocks()).isZero();
    }

    @Test
    void aReversedRangeAndARangeOverTenThousandAreRefused() {
        long first = numbers.freshCodes(10_007);

        ImportReport report = importing(first, 10_007,
                new ImportLine(1, (first + 5) + "-" + first, TestNumbers.grantRef(), DATE),
                new ImportLine(2, (first + 6) + "-" + (first + 6 + 10_000), TestNumbers.grantRef(), DATE));

        assertThat(report.problems()).extracting(LineProblem::lineNo, LineProblem::field, LineProblem::key)
                .containsExactly(tuple(1, "toCode", "import.range.reversed"), tuple(2, "toCode", "import.range.tooLarge"));
        assertThat(report.problems().get(1).args()).containsExactly(10_001L, 10_000);
    }

    @Test
    void moreThanTenThousandBlocksOverAllLinesAreRefused() {
        long first = numbers.freshCodes(12_000);

        ImportReport report = importing(first, 12_000,
                new ImportLine(1, first + "-" + (first + 5_999), TestNumbers.grantRef(), DATE),
                new ImportLine(2, (first + 6_000) + "-" + (first + 11_999), TestNumbers.grantRef(), DATE));

        assertThat(report.problems()).extracting(LineProblem::key).containsExactly("import.tooManyBlocks");
    }

    @Test
    void aMissingGrantReferenceAndABadOrFutureDateAreRefused() {
        long first = numbers.freshCodes(10);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);

        ImportReport report = importing(first, 10,
                new ImportLine(1, Long.toString(first), "  ", DATE),
                new ImportLine(2, Long.toString(first + 1), null, DATE),
                new ImportLine(3, Long.toString(first + 2), TestNumbers.grantRef(), "2025-13-01"),
                new ImportLine(4, Long.toString(first + 3), TestNumbers.grantRef(), "2025/03/01"),
                new ImportLine(5, Long.toString(first + 4), TestNumbers.grantRef(), ""),
                new ImportLine(6, Long.toString(first + 5), TestNumbers.grantRef(), tomorrow.toString()),
                new ImportLine(7, Long.toString(first + 6), "x".repeat(101), DATE),
                new ImportLine(8, Long.toString(first + 7), TestNumbers.grantRef(), DATE));

        assertThat(report.problems()).extracting(LineProblem::lineNo, LineProblem::field, LineProblem::key)
                .containsExactly(
                        tuple(1, "grantRef", "import.grantRef.required"),
                        tuple(2, "grantRef", "import.grantRef.required"),
                        tuple(3, "grantDate", "import.grantDate.invalid"),
                        tuple(4, "grantDate", "import.grantDate.invalid"),
                        tuple(5, "grantDate", "import.grantDate.required"),
                        tuple(6, "grantDate", "import.grantDate.future"),
                        tuple(7, "grantRef", "import.grantRef.tooLong"));
    }

    @Test
    void todayIsAValidGrantDate() {
        long code = numbers.freshCodes(1);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        ImportReport report = imports.run(List.of(new ImportLine(1, Long.toString(code), TestNumbers.grantRef(), today)),
                InventoryImport.Source.SINGLE);

        assertThat(report.problems()).isEmpty();
        assertThat(numbers.blocksBetween(code, code)).isEqualTo(1);
    }

    @Test
    void overlappingLinesAreNamedWithTheLineTheyOverlap() {
        long first = numbers.freshCodes(100);

        ImportReport report = importing(first, 100,
                new ImportLine(1, first + "-" + (first + 20), TestNumbers.grantRef(), DATE),
                new ImportLine(2, Long.toString(first + 40), TestNumbers.grantRef(), DATE),
                new ImportLine(3, (first + 20) + "-" + (first + 30), TestNumbers.grantRef(), DATE),
                new ImportLine(4, Long.toString(first + 40), TestNumbers.grantRef(), DATE));

        assertThat(report.problems()).extracting(LineProblem::lineNo, LineProblem::key)
                .containsExactly(tuple(3, "import.overlap"), tuple(4, "import.overlap"));
        assertThat(report.problems().get(0).args()).containsExactly(1);
        assertThat(report.problems().get(1).args()).containsExactly(2);
    }

    @Test
    void codesAlreadyRecordedAreRefusedAndTheEarlierGrantIsUntouched() {
        long first = numbers.freshCodes(100);
        String earlierRef = TestNumbers.grantRef();
        assertThat(imports.run(List.of(new ImportLine(1, (first + 10) + "-" + (first + 14), earlierRef, DATE)),
                InventoryImport.Source.RANGE).ok()).isTrue();

        ImportReport report = imports.run(List.of(
                new ImportLine(1, first + "-" + (first + 9), TestNumbers.grantRef(), DATE),
                new ImportLine(2, (first + 12) + "-" + (first + 20), TestNumbers.grantRef(), DATE),
                new ImportLine(3, Long.toString(first + 11), TestNumbers.grantRef(), DATE)), InventoryImport.Source.CSV);

        assertThat(report.problems()).extracting(LineProblem::lineNo, LineProblem::key)
                .containsExactly(tuple(2, "import.exists"), tuple(3, "import.exists"));
        assertThat(report.problems().get(0).args()).containsExactly(digits(first + 12), 3L);
        assertThat(numbers.blocksBetween(first, first + 99)).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code BETWEEN ? AND ? AND grant_ref = ?")
                .params(first, first + 99, earlierRef).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM block_import WHERE first_code BETWEEN ? AND ?")
                .params(first, first + 99).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twoOverlappingImportsAtOnceKeepOnlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                long first = numbers.freshCodes(300);
                String refA = TestNumbers.grantRef();
                String refB = TestNumbers.grantRef();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<ImportReport> a = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return imports.run(List.of(new ImportLine(1, first + "-" + (first + 199), refA, DATE)),
                            InventoryImport.Source.RANGE);
                });
                Future<ImportReport> b = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return imports.run(List.of(new ImportLine(1, (first + 100) + "-" + (first + 299), refB, DATE)),
                            InventoryImport.Source.RANGE);
                });
                List<ImportReport> reports = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));

                assertThat(reports).as("round %d", round).filteredOn(ImportReport::ok).hasSize(1);
                assertThat(reports).filteredOn(r -> !r.ok()).flatExtracting(ImportReport::problems)
                        .extracting(LineProblem::key).containsAnyOf("import.exists", "import.concurrent");
                String kept = reports.get(0).ok() ? refA : refB;
                assertThat(numbers.blocksBetween(first, first + 299)).isEqualTo(200);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code BETWEEN ? AND ? AND grant_ref = ?")
                        .params(first, first + 299, kept).query(Long.class).single()).isEqualTo(200);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM block_import WHERE first_code BETWEEN ? AND ?")
                        .params(first, first + 299).query(Long.class).single()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyImportIsReported() {
        ImportReport report = imports.run(List.of(), InventoryImport.Source.CSV);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(LineProblem::key).containsExactly("import.empty");
    }

    /** Runs an import that must fail, and checks that it left no block and no import record in the test's codes. */
    private ImportReport importing(long first, long reserved, ImportLine... lines) {
        assertThat(numbers.blocksBetween(first, first + reserved - 1)).isZero();

        ImportReport report = imports.run(List.of(lines), InventoryImport.Source.CSV);

        assertThat(report.ok()).isFalse();
        assertThat(report.blocks()).isZero();
        assertThat(numbers.blocksBetween(first, first + reserved - 1)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM block_import WHERE first_code BETWEEN ? AND ? OR last_code BETWEEN ? AND ?")
                .params(first, first + reserved - 1, first, first + reserved - 1).query(Long.class).single()).isZero();
        return report;
    }

    private long importIdOf(long code) {
        return jdbc.sql("SELECT import_id FROM number_block WHERE code = ?").param(code).query(Long.class).single();
    }

    private static String digits(long code) {
        return Long.toString(code);
    }
}
