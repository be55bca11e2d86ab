package cn.np700.portal.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one CSV writer: formula-looking cells neutralised, RFC 4180 quoting, a BOM; and nobody else writes CSV. */
class SpreadsheetCsvTests {

    @Test
    void formulaLookingCellsGetALeadingApostropheAndTheRestIsQuotedAsRfc4180Says() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row("=HYPERLINK(\"http://evil.example\")", "+1", "-2", "@SUM(A1)", "\tx", "plain", null, "a,b");
        csv.blankLine();
        csv.row("700 1000 0000 0001", "3");
        csv.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF\"'=HYPERLINK(\"\"http://evil.example\"\")\","
                + "'+1,'-2,'@SUM(A1),'\tx,plain,,\"a,b\"\r\n\r\n700 1000 0000 0001,3\r\n");
    }

    @Test
    void everyCsvFileIsWrittenThroughTheOneWriter() {
        noClasses().that().doNotHaveFullyQualifiedName(SpreadsheetCsv.class.getName())
                .should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv.writer")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.np700.portal"));
    }
}
