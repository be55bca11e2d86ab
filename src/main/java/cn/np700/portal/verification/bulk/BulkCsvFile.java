package cn.np700.portal.verification.bulk;

import cn.np700.portal.web.CsvText;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bulk verification file: {@code mobile[,name,id_number]} per line. A header line (a first line whose first
 * field has no digit) and blank lines are skipped; line numbers are those of the file.
 */
final class BulkCsvFile {

    static final int MAX_ROWS = 10_000;

    // Excel on a Chinese Windows saves "CSV" in GB18030/GBK, not UTF-8; names would arrive garbled and mismatch.

    private BulkCsvFile() {
    }

    record Line(int lineNo, List<String> fields) {

        String field(int index) {
            return index < fields.size() ? fields.get(index).strip() : "";
        }
    }

    /** The data lines, or why the file is refused: a message key whose arguments are the file name and the limit. */
    record Read(List<Line> lines, String problemKey) {

        boolean refused() {
            return problemKey != null;
        }
    }

    static Read read(byte[] content) {
        return read(decode(content));
    }

    /** The same, for a file's text already decoded (as a bulk verification keeps it while it runs). */
    static Read read(String text) {
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
                    return new Read(List.of(), "bulk.csv.tooManyRows");
                }
                lines.add(new Line((int) record.getStartingLineNumber(), fields));
            }
        } catch (CsvParseException e) {
            return new Read(List.of(), "bulk.csv.unreadable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.isEmpty() ? new Read(List.of(), "bulk.csv.empty") : new Read(lines, null);
    }

    static String decode(byte[] content) {
        return CsvText.decode(content);
    }
}
