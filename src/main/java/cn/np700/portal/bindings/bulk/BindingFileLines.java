package cn.np700.portal.bindings.bulk;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Bulk binding runs' operations, and their lines, one row per (run, line): the result file is built from them. */
@Component
class BindingFileLines {

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    BindingFileLines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the transaction that starts the run. */
    void insertFile(long runId, FileOperation operation) {
        jdbc.sql("INSERT INTO binding_file (run_id, operation) VALUES (?, ?)").params(runId, operation.name()).update();
    }

    FileOperation operation(long runId) {
        return FileOperation.valueOf(jdbc.sql("SELECT operation FROM binding_file WHERE run_id = ?").param(runId)
                .query(String.class).single());
    }

    /** In the transaction that applied the line; a line recorded before fails on the primary key, rolling it back. */
    void insert(long runId, LineResult line) {
        jdbc.sql("""
                INSERT INTO binding_file_line (run_id, line_no, outcome, binding_id, x, detail, code, field, message_key,
                    message_args)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, line.lineNo(), line.ok() ? "OK" : "REFUSED", line.bindingId(), line.x(), line.detail(),
                        line.code(), line.field(), line.messageKey(),
                        line.args().isEmpty() ? null : json.writeValueAsString(line.args().stream().map(BindingFileLines::plain).toList()))
                .update();
    }

    /** Numbers and text as they are, so the message formats them the same way later; anything else as its text. */
    private static Object plain(Object arg) {
        return arg instanceof Number || arg instanceof String || arg instanceof Boolean ? arg : String.valueOf(arg);
    }

    Optional<LineResult> find(long runId, int lineNo) {
        return jdbc.sql(SELECT + " WHERE run_id = ? AND line_no = ?").params(runId, lineNo).query(this::map).optional();
    }

    /** Every recorded line of the run in file order, for its result file. */
    List<LineResult> all(long runId) {
        return jdbc.sql(SELECT + " WHERE run_id = ? ORDER BY line_no").param(runId).query(this::map).list();
    }

    private static final String SELECT = """
            SELECT line_no, outcome, binding_id, x, detail, code, field, message_key, message_args FROM binding_file_line""";

    private LineResult map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String args = rs.getString("message_args");
        return new LineResult(rs.getInt("line_no"), "OK".equals(rs.getString("outcome")),
                rs.getObject("binding_id", Long.class), rs.getObject("x", Long.class), rs.getString("detail"),
                rs.getString("code"), rs.getString("field"), rs.getString("message_key"),
                args == null ? List.of() : json.readValue(args, ARGS));
    }
}
