package cn.np700.portal.calls.upload;

import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.web.CsvText;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An operator's CSV file of call records: a header row naming the carrier API's JSON fields (any order; the optional
 * ones may be left out), then one record per line, in UTF-8 or GB18030. The whole file is checked before anything is
 * stored, so a refused file stores nothing; bad lines are reported one by one while the good ones are stored.
 */
final class CallRecordUploadFile {

    static final int MAX_ROWS = 100_000;
    static final int MAX_BYTES = 20 * 1024 * 1024;
    /** In the order of {@link CallRecordJson}'s components. */
    static final List<String> FIELDS = List.of("callId", "x", "caller", "callee", "type", "startTime", "ringTime",
            "answerTime", "releaseTime", "durationSeconds", "releaseCause", "releaseSide", "result", "recordingRef",
            "bindingId");
    static final List<String> REQUIRED = List.of("callId", "x", "caller", "type", "startTime", "result");
    private static final int DURATION = FIELDS.indexOf("durationSeconds");
    private static final int CAUSE = FIELDS.indexOf("releaseCause");
    private static final int BINDING = FIELDS.indexOf("bindingId");

    private CallRecordUploadFile() {
    }

    /**
     * A checked file: its text, its columns and data line count; or why it is refused, as a message key whose
     * arguments are the file name then {@code problemArg}.
     */
    record Checked(String text, int rows, String problemKey, Object problemArg) {

        boolean refused() {
            return problemKey != null;
        }

        static Checked refused(String key, Object arg) {
            return new Checked(null, 0, key, arg);
        }
    }

    /** One data line: the record to ingest, or (record null) why it cannot even be read as one. */
    record Line(int lineNo, CallRecordJson record, String rawCallId, String reason, String message) {
    }

    static Checked check(byte[] content) {
        if (content.length > MAX_BYTES) {
            return Checked.refused("callUpload.csv.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        String text = CsvText.decode(content);
        if (text.indexOf('\0') >= 0) {
            return Checked.refused("callUpload.csv.notCsv", null);
        }
        int[] rows = {0};
        Checked header;
        try {
            header = read(text, line -> rows[0]++);
        } catch (CsvParseException e) {
            return Checked.refused("callUpload.csv.notCsv", null);
        }
        if (header != null) {
            return header;
        }
        if (rows[0] == 0) {
            return Checked.refused("callUpload.csv.empty", null);
        }
        if (rows[0] > MAX_ROWS) {
            return Checked.refused("callUpload.csv.tooManyRows", MAX_ROWS);
        }
        return new Checked(text, rows[0], null, null);
    }

    /** Hands each data line of a checked file to {@code each}, in file order. */
    static void lines(String text, Consumer<Line> each) {
        read(text, each);
    }

    /** Reads the header, then each data line; returns the header's refusal, or null when it is good. */
    private static Checked read(String text, Consumer<Line> each) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).allowUnclosedQuote(false).ofCsvRecord(text)) {
            List<String> columns = null;
            for (CsvRecord record : reader) {
                List<String> fields = record.getFields();
                if (fields.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (columns == null) {
                    columns = new ArrayList<>();
                    Checked refused = header(fields, columns);
                    if (refused != null) {
                        return refused;
                    }
                    continue;
                }
                each.accept(line((int) record.getStartingLineNumber(), fields, columns));
            }
            return columns == null ? Checked.refused("callUpload.csv.empty", null) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Checked header(List<String> names, List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            String field = FIELDS.stream().filter(f -> f.equalsIgnoreCase(name.strip())).findFirst().orElse(null);
            if (field == null) {
                return Checked.refused("callUpload.csv.unknownColumn", shorten(name.strip()));
            }
            if (!seen.add(field)) {
                return Checked.refused("callUpload.csv.duplicateColumn", field);
            }
            columns.add(field);
        }
        List<String> missing = REQUIRED.stream().filter(f -> !seen.contains(f)).toList();
        return missing.isEmpty() ? null : Checked.refused("callUpload.csv.missingColumns", String.join(", ", missing));
    }

    private static Line line(int lineNo, List<String> fields, List<String> columns) {
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < fields.size(); i++) {
            if (i >= columns.size()) {
                if (!fields.get(i).isBlank()) {
                    return new Line(lineNo, null, value(fields, columns.indexOf("callId")), "TOO_MANY_FIELDS",
                            "The line has more fields than the header row.");
                }
                continue;
            }
            values[FIELDS.indexOf(columns.get(i))] = fields.get(i).isBlank() ? null : fields.get(i).strip();
        }
        Integer duration;
        Integer cause;
        Long binding;
        try {
            duration = integer(values[DURATION]);
            cause = integer(values[CAUSE]);
            binding = values[BINDING] == null ? null : Long.valueOf(values[BINDING]);
        } catch (NumberFormatException e) {
            return new Line(lineNo, null, values[0], "MALFORMED_INTEGER",
                    "durationSeconds, releaseCause and bindingId are whole numbers.");
        }
        return new Line(lineNo, new CallRecordJson(values[0], values[1], values[2], values[3], values[4], values[5],
                values[6], values[7], values[8], duration, cause, values[11], values[12], values[13], binding), values[0],
                null, null);
    }

    private static String value(List<String> fields, int index) {
        return index >= 0 && index < fields.size() && !fields.get(index).isBlank() ? fields.get(index).strip() : null;
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static String shorten(String name) {
        if (name.isEmpty()) {
            return "\"\"";
        }
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
