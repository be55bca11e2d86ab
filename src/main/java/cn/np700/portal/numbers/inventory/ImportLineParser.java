package cn.np700.portal.numbers.inventory;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.inventory.ImportReport.LineProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns a typed line into a checked range of block codes, or says what is wrong with it, field by field. */
public final class ImportLineParser {

    public static final int MAX_BLOCKS = 10_000;

    private ImportLineParser() {
    }

    record Parsed(int lineNo, long first, long last, String grantRef, LocalDate grantDate) {

        int size() {
            return (int) (last - first + 1);
        }
    }

    /** The parsed line, or null after adding its problems to {@code problems}. */
    static Parsed parse(ImportLine line, LocalDate today, List<LineProblem> problems) {
        int before = problems.size();
        String typed = line.codes() == null ? "" : line.codes().trim();
        String[] range = BlockCode.splitRange(typed);
        Long first = code(line.lineNo(), "fromCode", range[0], problems);
        Long last = range.length == 1 ? first : code(line.lineNo(), "toCode", range[1], problems);
        if (first != null && last != null) {
            if (last < first) {
                problems.add(new LineProblem(line.lineNo(), "toCode", "import.range.reversed"));
            } else if (last - first + 1 > MAX_BLOCKS) {
                problems.add(new LineProblem(line.lineNo(), "toCode", "import.range.tooLarge", last - first + 1, MAX_BLOCKS));
            }
        }
        String ref = line.grantRef() == null ? "" : line.grantRef().trim();
        if (ref.isEmpty()) {
            problems.add(new LineProblem(line.lineNo(), "grantRef", "import.grantRef.required"));
        } else if (ref.length() > 100) {
            problems.add(new LineProblem(line.lineNo(), "grantRef", "import.grantRef.tooLong"));
        }
        LocalDate date = date(line, today, problems);
        return problems.size() == before ? new Parsed(line.lineNo(), first, last, ref, date) : null;
    }

    private static Long code(int lineNo, String field, String typed, List<LineProblem> problems) {
        var problem = BlockCode.problem(typed);
        if (problem.isPresent()) {
            problems.add(new LineProblem(lineNo, field, "blockCode." + problem.get().name(), typed));
            return null;
        }
        return BlockCode.parse(typed).orElseThrow().value();
    }

    private static LocalDate date(ImportLine line, LocalDate today, List<LineProblem> problems) {
        String typed = line.grantDate() == null ? "" : line.grantDate().trim();
        if (typed.isEmpty()) {
            problems.add(new LineProblem(line.lineNo(), "grantDate", "import.grantDate.required"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(typed);
            if (date.isAfter(today)) {
                problems.add(new LineProblem(line.lineNo(), "grantDate", "import.grantDate.future"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add(new LineProblem(line.lineNo(), "grantDate", "import.grantDate.invalid", typed));
            return null;
        }
    }
}
