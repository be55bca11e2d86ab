package cn.np700.portal.verification.bulk;

import cn.np700.portal.web.CsvRows;
import cn.np700.portal.web.CsvText;
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
        CsvRows.Read read = CsvRows.read(text, MAX_ROWS);
        if (read.problem() != null) {
            return new Read(List.of(), switch (read.problem()) {
                case TOO_MANY_ROWS -> "bulk.csv.tooManyRows";
                case UNREADABLE -> "bulk.csv.unreadable";
                case EMPTY -> "bulk.csv.empty";
            });
        }
        return new Read(read.rows().stream().map(row -> new Line(row.lineNo(), row.fields())).toList(), null);
    }

    static String decode(byte[] content) {
        return CsvText.decode(content);
    }
}
