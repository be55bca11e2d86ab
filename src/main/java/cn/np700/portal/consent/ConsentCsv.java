package cn.np700.portal.consent;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.web.CsvRows;
import cn.np700.portal.web.CsvText;
import java.time.Instant;
import java.util.List;

/**
 * An import file: {@code mobile,channel[,evidence[,grantedAt]]} per line. A header (a first line whose first field has
 * no digit) and blank lines are skipped. A line that does not pass the checks is counted invalid, never recorded.
 */
final class ConsentCsv {

    static final int MAX_ROWS = 100_000;

    private ConsentCsv() {
    }

    /** A line as checked: the number's digits and the consent, or neither (an invalid line). */
    record Line(int lineNo, String digits, ConsentInput.Checked consent) {

        boolean valid() {
            return digits != null;
        }
    }

    /** The data lines, or the message key saying why the file is refused. */
    record Read(List<Line> lines, String problemKey) {
    }

    static String decode(byte[] content) {
        return CsvText.decode(content);
    }

    /** {@code now}: the time the import started, against which a grant time may not lie ahead. */
    static Read read(String text, Instant now) {
        CsvRows.Read read = CsvRows.read(text, MAX_ROWS);
        if (read.problem() != null) {
            return new Read(List.of(), switch (read.problem()) {
                case TOO_MANY_ROWS -> "consent.import.tooManyRows";
                case UNREADABLE -> "consent.import.unreadable";
                case EMPTY -> "consent.import.empty";
            });
        }
        return new Read(read.rows().stream().map(row -> line(row, now)).toList(), null);
    }

    private static Line line(CsvRows.Row row, Instant now) {
        String digits = PhoneNumbers.normalizeMobile(row.field(0)).orElse(null);
        if (digits == null) {
            return new Line(row.lineNo(), null, null);
        }
        try {
            return new Line(row.lineNo(), digits,
                    new ConsentInput(row.field(1), row.field(2), row.field(3)).check(null, now));
        } catch (ConsentRefusedException e) {
            return new Line(row.lineNo(), null, null);
        }
    }
}
