package cn.np700.portal.bindings.bulk;

import cn.np700.portal.web.CsvText;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bulk binding file: a header row naming the operation's columns (any order, case ignored), then one binding per
 * line; blank lines are skipped and line numbers are the file's. A file is checked whole before anything is applied,
 * reading it as a stream: reading stops at the first problem, so a file of 100,001 lines is refused at its 100,001st
 * data line without the lines after it, or any line, being kept in memory.
 */
final class BindingFile {

    static final int MAX_LINES = 100_000;
    static final int MAX_BYTES = 20 * 1024 * 1024;

    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)");

    private BindingFile() {
    }

    /** Why a file is refused: a stable code, and the message key with its arguments. */
    record Refusal(String code, String messageKey, Object... args) {
    }

    /** A file that may run: its text, header and number of data lines. */
    record Accepted(String text, List<String> header, int lines) {
    }

    /** Either a file that may run, or why not. */
    record Checked(Accepted accepted, Refusal refusal) {

        boolean refused() {
            return refusal != null;
        }
    }

    /** One data line: its number in the file and its values by column. */
    record Line(int lineNo, Map<String, String> values) {

        /** The value stripped, or null when the column is absent or the cell blank (the JSON field left out). */
        String value(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** Reads at most {@link #MAX_BYTES} (plus one, to tell a larger file) and checks it. */
    static Checked check(FileOperation operation, InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            return refused("FILE_TOO_LARGE", "bindingFile.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        return check(operation, content);
    }

    static Checked check(FileOperation operation, byte[] content) {
        if (content.length >= 2 && ((content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF
                || (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE)) {
            return refused("FILE_ENCODING", "bindingFile.encoding");
        }
        String text = CsvText.decode(content);
        // a UTF-16 or binary file decodes to NULs, and bytes that are neither UTF-8 nor GB18030 to replacement characters
        if (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0) {
            return refused("FILE_ENCODING", "bindingFile.encoding");
        }
        return check(operation, text);
    }

    static Checked check(FileOperation operation, String text) {
        try (CsvReader<CsvRecord> reader = reader(text)) {
            Iterator<CsvRecord> records = reader.iterator();
            CsvRecord headerRecord = nextNonBlank(records);
            if (headerRecord == null) {
                return refused("FILE_EMPTY", "bindingFile.empty");
            }
            List<String> header = new ArrayList<>();
            Refusal wrongHeader = header(operation, headerRecord.getFields(), header);
            if (wrongHeader != null) {
                return new Checked(null, wrongHeader);
            }
            int lines = 0;
            for (CsvRecord record = nextNonBlank(records); record != null; record = nextNonBlank(records)) {
                if (++lines > MAX_LINES) {
                    return refused("FILE_TOO_MANY_LINES", "bindingFile.tooManyLines", MAX_LINES);
                }
                if (record.getFieldCount() != header.size()) {
                    return refused("FILE_MALFORMED", "bindingFile.fieldCount", record.getStartingLineNumber(),
                            record.getFieldCount(), header.size());
                }
            }
            if (lines == 0) {
                return refused("FILE_EMPTY", "bindingFile.noLines");
            }
            return new Checked(new Accepted(text, List.copyOf(header), lines), null);
        } catch (CsvParseException e) {
            return refused("FILE_MALFORMED", "bindingFile.unreadable", lineOf(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data lines of a file that was accepted, one by one, in order. */
    static final class Lines implements Iterator<Line>, AutoCloseable {

        private final CsvReader<CsvRecord> reader;
        private final Iterator<CsvRecord> records;
        private final List<String> header;
        private CsvRecord next;

        /** The header is read as the operation spells its columns, whatever the case it was typed in. */
        Lines(FileOperation operation, String text) {
            this.reader = reader(text);
            this.records = reader.iterator();
            CsvRecord first = nextNonBlank(records);
            this.header = first == null ? List.of()
                    : first.getFields().stream().map(typed -> operation.column(typed).orElse(typed.strip())).toList();
            this.next = nextNonBlank(records);
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Line next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            CsvRecord record = next;
            next = nextNonBlank(records);
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < header.size() && i < record.getFieldCount(); i++) {
                values.put(header.get(i), record.getField(i));
            }
            return new Line((int) record.getStartingLineNumber(), values);
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The header as the operation spells its columns, or why it is wrong. */
    private static Refusal header(FileOperation operation, List<String> typed, List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String column : typed) {
            String known = operation.column(column).orElse(null);
            if (known == null) {
                return new Refusal("FILE_HEADER", "bindingFile.header.unknown", column.strip(),
                        String.join(",", operation.columns()));
            }
            if (!seen.add(known)) {
                return new Refusal("FILE_HEADER", "bindingFile.header.twice", known);
            }
            header.add(known);
        }
        for (List<String> oneOf : operation.required()) {
            if (oneOf.stream().noneMatch(seen::contains)) {
                return new Refusal("FILE_HEADER", "bindingFile.header.missing", String.join(" / ", oneOf),
                        String.join(",", operation.columns()));
            }
        }
        return null;
    }

    private static CsvReader<CsvRecord> reader(String text) {
        return CsvReader.builder().skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                .allowUnclosedQuote(false).ofCsvRecord(text);
    }

    private static CsvRecord nextNonBlank(Iterator<CsvRecord> records) {
        while (records.hasNext()) {
            CsvRecord record = records.next();
            if (!record.getFields().stream().allMatch(String::isBlank)) {
                return record;
            }
        }
        return null;
    }

    private static Object lineOf(CsvParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher line = t.getMessage() == null ? null : LINE_IN_MESSAGE.matcher(t.getMessage());
            if (line != null && line.find()) {
                return Long.parseLong(line.group(1));
            }
        }
        return "?";
    }

    private static Checked refused(String code, String key, Object... args) {
        return new Checked(null, new Refusal(code, key, args));
    }
}
