package cn.np700.portal.numbers.inventory;

import cn.np700.portal.web.CsvText;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an inventory CSV: {@code block,grant_ref,grant_date} per line, where block is a code or {@code first-last};
 * a header line and blank lines are skipped, line numbers are those of the file. A line with fewer fields is read
 * with the missing ones empty, so the line-by-line check reports them instead of the parser failing the file.
 */
final class CsvImportLines {

    static final int MAX_LINES = 10_000;

    private CsvImportLines() {
    }

    /** The file's lines, or why it cannot be read at all. */
    record Read(List<ImportLine> lines, String problem) {
    }

    static Read read(byte[] content) {
        List<ImportLine> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(CsvText.decode(content))) {
            for (CsvRecord record : reader) {
                String first = record.getField(0).strip();
                if (lines.isEmpty() && record.getStartingLineNumber() == 1 && !first.isEmpty()
                        && !Character.isDigit(first.charAt(0))) {
                    continue;
                }
                if (lines.size() == MAX_LINES) {
                    return new Read(List.of(), "import.csv.tooManyLines");
                }
                lines.add(new ImportLine((int) record.getStartingLineNumber(), first,
                        record.getFieldCount() > 1 ? record.getField(1) : "",
                        record.getFieldCount() > 2 ? record.getField(2) : ""));
            }
        } catch (CsvParseException e) {
            return new Read(List.of(), "import.csv.unreadable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Read(lines, null);
    }
}
