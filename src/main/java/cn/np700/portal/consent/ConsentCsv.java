package cn.np700.portal.consent;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.web.CsvText;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
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
        List<Line> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).allowUnclosedQuote(false).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                List<String> fields = record.getFields();
                if (fields.stream().allMatch(String::isBlank)
                        || record.getStartingLineNumber() == 1 && fields.get(0).chars().noneMatch(Character::isDigit)) {
                    continue;
                }
                if (lines.size() == MAX_ROWS) {
                    return new Read(List.of(), "consent.import.tooManyRows");
                }
                lines.add(line((int) record.getStartingLineNumber(), fields, now));
            }
        } catch (CsvParseException e) {
            return new Read(List.of(), "consent.import.unreadable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.isEmpty() ? new Read(List.of(), "consent.import.empty") : new Read(lines, null);
    }

    private static Line line(int lineNo, List<String> fields, Instant now) {
        String digits = PhoneNumbers.normalizeMobile(field(fields, 0)).orElse(null);
        if (digits == null) {
            return new Line(lineNo, null, null);
        }
        try {
            return new Line(lineNo, digits,
                    new ConsentInput(field(fields, 1), field(fields, 2), field(fields, 3)).check(null, now));
        } catch (ConsentRefusedException e) {
            return new Line(lineNo, null, null);
        }
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index).strip() : "";
    }
}
