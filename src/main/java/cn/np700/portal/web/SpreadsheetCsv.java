package cn.np700.portal.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one way the portal writes a CSV file (exports and result files alike): UTF-8 with a byte order mark, without
 * which Excel reads Chinese as the local code page, RFC 4180 quoting, and every cell that a spreadsheet would run as
 * a formula ({@code = + - @}, or a tab or carriage return before one) given a leading apostrophe. Cells are
 * neutralised here and nowhere else, so no file can forget it.
 */
public final class SpreadsheetCsv implements Flushable {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer writer;
    private final CsvWriter csv;

    private SpreadsheetCsv(Writer writer) throws IOException {
        this.writer = writer;
        writer.write('\uFEFF');
        this.csv = CsvWriter.builder().build(writer);
    }

    public static SpreadsheetCsv to(OutputStream out) throws IOException {
        return new SpreadsheetCsv(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    public static SpreadsheetCsv to(Writer out) throws IOException {
        return new SpreadsheetCsv(out);
    }

    public SpreadsheetCsv row(String... cells) {
        return row(Arrays.asList(cells));
    }

    public SpreadsheetCsv row(List<String> cells) {
        List<String> safe = new ArrayList<>(cells.size());
        for (String cell : cells) {
            safe.add(cell(cell));
        }
        csv.writeRecord(safe);
        return this;
    }

    /** An empty line, between the sections of a file that has several. */
    public SpreadsheetCsv blankLine() {
        csv.writeRecord().endRecord();
        return this;
    }

    /** Writes what is buffered through to the underlying stream (a streamed export flushes after each chunk). */
    @Override
    public void flush() throws IOException {
        csv.flush();
        writer.flush();
    }

    /** A cell as it is written: null as empty, formula-looking text with a leading apostrophe. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
