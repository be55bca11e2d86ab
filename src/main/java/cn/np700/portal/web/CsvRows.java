package cn.np700.portal.web;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An uploaded CSV file's data rows: blank lines and a header (a first line whose first field has no digit) skipped,
 * line numbers those of the file, at most {@code maxRows} of them.
 */
public final class CsvRows {

    private CsvRows() {
    }

    public record Row(int lineNo, List<String> fields) {

        /** The field, stripped; empty when the line has fewer fields. */
        public String field(int index) {
            return index < fields.size() ? fields.get(index).strip() : "";
        }
    }

    /** Why a file gives no rows to work on. */
    public enum Problem {
        TOO_MANY_ROWS, UNREADABLE, EMPTY
    }

    /** The rows, or the problem (then no rows). */
    public record Read(List<Row> rows, Problem problem) {
    }

    public static Read read(String text, int maxRows) {
        List<Row> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).allowUnclosedQuote(false).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                List<String> fields = record.getFields();
                if (fields.stream().allMatch(String::isBlank)
                        || record.getStartingLineNumber() == 1 && fields.get(0).chars().noneMatch(Character::isDigit)) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    return new Read(List.of(), Problem.TOO_MANY_ROWS);
                }
                rows.add(new Row((int) record.getStartingLineNumber(), fields));
            }
        } catch (CsvParseException e) {
            return new Read(List.of(), Problem.UNREADABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.isEmpty() ? new Read(List.of(), Problem.EMPTY) : new Read(rows, null);
    }
}
