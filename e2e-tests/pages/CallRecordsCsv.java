package pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A downloaded call record export: its file name, whether it starts with a UTF-8 byte order mark, header and rows. */
public record CallRecordsCsv(String fileName, boolean byteOrderMark, List<String> header, List<List<String>> rows) {

    private static final String BOM = "\uFEFF";

    static CallRecordsCsv read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean bom = text.startsWith(BOM);
        List<List<String>> records = parse(bom ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        return new CallRecordsCsv(file.getFileName().toString(), bom, records.get(0),
                records.subList(1, records.size()));
    }

    /** The cells of the named column, one per row. */
    public List<String> column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }

    /** RFC 4180: commas, CRLF or LF between records, quoted cells with doubled quotes inside. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
