package cn.np700.portal.numbers.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.numbers.inventory.ImportReport.LineProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An import line read into a range of block codes with its grant, or into the problems that refuse it. */
class ImportLineParserTests {

    @Test
    void aLineIsParsedIntoARangeOrItsProblems() {
        LocalDate today = LocalDate.of(2025, 6, 1);
        List<LineProblem> problems = new ArrayList<>();

        ImportLineParser.Parsed range = ImportLineParser.parse(new ImportLine(3, "70012340000 - 70012340009", " 批文1 ",
                "2025-06-01"), today, problems);
        ImportLineParser.Parsed single = ImportLineParser.parse(new ImportLine(4, "700 1234 0100", "批文2", "2024-12-31"),
                today, problems);

        assertThat(problems).isEmpty();
        assertThat(range).isEqualTo(new ImportLineParser.Parsed(3, 700_1234_0000L, 700_1234_0009L, "批文1",
                LocalDate.of(2025, 6, 1)));
        assertThat(range.size()).isEqualTo(10);
        assertThat(single.first()).isEqualTo(single.last()).isEqualTo(700_1234_0100L);
        assertThat(ImportLineParser.parse(new ImportLine(5, "70012340000", "批文", "2025-06-02"), today, problems)).isNull();
        assertThat(problems).extracting(LineProblem::key).containsExactly("import.grantDate.future");
    }
}
