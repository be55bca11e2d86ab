package cn.np700.portal.numbers;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an inventory CSV: {@code block,grant_ref,grant_date} per line, where block is a code or {@code first-last};
 * a header line and blank lines are skipped, line numbers are those of the file.
 */
final class CsvImportLines {

    static final int MAX_LINES = 10_000;

    private CsvImportLines() {
    }

    /** The lines, or null when the file has more than {@link #MAX_LINES}. */
    static List<ImportLine> read(InputStream in) {
        List<ImportLine> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true)
                .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CsvRecord record : reader) {
                String first = record.getField(0).strip().replace("\uFEFF", "");
                if (lines.isEmpty() && record.getStartingLineNumber() == 1 && !first.isEmpty()
                        && !Character.isDigit(first.charAt(0))) {
                    continue;
                }
                if (lines.size() == MAX_LINES) {
                    return null;
                }
                lines.add(new ImportLine((int) record.getStartingLineNumber(), first,
                        record.getFieldCount() > 1 ? record.getField(1) : "",
                        record.getFieldCount() > 2 ? record.getField(2) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
