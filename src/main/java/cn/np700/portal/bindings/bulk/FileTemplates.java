package cn.np700.portal.bindings.bulk;

import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The downloadable template of each operation: its full header and example lines (docs/bulk-bindings.md shows them). */
final class FileTemplates {

    private static final List<List<String>> CREATE = List.of(
            List.of("AXB", "13800138000", "13900001111", "", "", "3600", "", "BOTH", "true", "ORD-20261123-0001"),
            List.of("AXN", "13800138001", "", "13900002222", "", "", "2026-11-30T12:00:00Z", "", "false", "ORD-20261123-0002"),
            List.of("AXB", "13800138002", "13900003333", "", "700100000001234", "86400", "", "A_TO_B_ONLY", "", ""));
    private static final List<List<String>> END = List.of(List.of("40", ""), List.of("", "ORD-20261123-0001"));

    private FileTemplates() {
    }

    static String fileName(FileOperation operation) {
        return "bindings-" + operation.slug() + "-template.csv";
    }

    static void write(FileOperation operation, OutputStream out) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row(operation.columns());
        for (List<String> line : operation == FileOperation.CREATE ? CREATE : END) {
            csv.row(line);
        }
        csv.flush();
    }
}
