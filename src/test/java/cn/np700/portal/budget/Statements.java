package cn.np700.portal.budget;

import cn.np700.portal.support.RecordedStatements;
import cn.np700.portal.support.RecordedStatements.Recorded;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The SQL statements one request sent, as {@link RecordedStatements} saw them on the test's thread (MockMvc runs the
 * request, its security filters and its synchronous event listeners there): one per statement prepared or executed
 * through the main pool, a JDBC batch counting once. Transaction control (autocommit, isolation, commit) and other threads
 * (the audit chainer, scheduled jobs, the rejection flusher) are not counted. {@link #roundTrips} is the whole request's
 * count by the server, transaction control included (see {@link RecordedStatements.Recording#roundTrips}).
 */
record Statements(String name, List<Recorded> recorded, long roundTrips) {

    interface Request {
        void run() throws Exception;
    }

    static Statements of(String name, Request request) throws Exception {
        try (RecordedStatements.Recording recording = RecordedStatements.start()) {
            request.run();
            return new Statements(name, recording.statements(), recording.roundTrips());
        }
    }

    /** Those sent from main-code classes named {@code callerClass} (the simple name, as in {@link Recorded#caller()}). */
    Statements from(String callerClass) {
        return new Statements(name + " from " + callerClass,
                recorded.stream().filter(r -> r.caller().startsWith(callerClass + ".")).toList(), roundTrips);
    }

    /** The others. */
    Statements without(String callerClass) {
        return new Statements(name + " without " + callerClass,
                recorded.stream().filter(r -> !r.caller().startsWith(callerClass + ".")).toList(), roundTrips);
    }

    int count() {
        return recorded.size();
    }

    List<String> normalised() {
        return recorded.stream().map(r -> normalise(r.sql())).toList();
    }

    long matching(String prefix) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        return normalised().stream().filter(sql -> sql.startsWith(wanted)).count();
    }

    boolean any(Predicate<String> normalisedSql) {
        return normalised().stream().anyMatch(normalisedSql);
    }

    /**
     * Literals, comments, quoting, case, runs of placeholders, of rows of placeholders (a multi-row INSERT) and of CASE
     * arms ({@code WHEN ? THEN ?}, an UPDATE's value per row) folded,
     * so the list reads the same each run and whatever the batch size.
     */
    static String normalise(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^'\\\\]|\\\\.|'')*'", "?").replace("`", "").replaceAll("\\s+", " ").trim()
                .toLowerCase(Locale.ROOT).replaceAll("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)", "(?)")
                .replaceAll("\\(\\?\\)(?:\\s*,\\s*\\(\\?\\))+", "(?)")
                .replaceAll("(?: when \\? then \\?)+", " when ? then ?")
                .replaceAll("\\b\\d+\\b", "N");
    }

    /** Printed in the test's output: the count, then each statement and the main-code method that sent it. */
    Statements print() {
        StringBuilder out = new StringBuilder(name).append(": ").append(count()).append(" statements, ")
                .append(roundTrips).append(" round trips\n");
        for (int i = 0; i < recorded.size(); i++) {
            out.append(String.format(Locale.ROOT, "  %2d. %s  [%s]%n", i + 1, normalise(recorded.get(i).sql()),
                    recorded.get(i).caller()));
        }
        System.out.print(out);
        return this;
    }
}
