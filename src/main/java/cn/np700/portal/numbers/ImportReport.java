package cn.np700.portal.numbers;

import java.util.List;

/** What an import did: either every block was recorded, or nothing was and each problem names its line. */
record ImportReport(int blocks, List<LineProblem> problems) {

    boolean ok() {
        return problems.isEmpty();
    }

    /** A problem on one line; {@code key} is a message key, {@code args} its arguments. */
    record LineProblem(int lineNo, String field, String key, Object... args) {
    }
}
