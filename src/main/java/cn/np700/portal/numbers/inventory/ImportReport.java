package cn.np700.portal.numbers.inventory;

import java.util.List;

/** What an import did: either every block was recorded, or nothing was and each problem names its line. */
public record ImportReport(int blocks, List<LineProblem> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A problem on one line; {@code key} is a message key, {@code args} its arguments. */
    public record LineProblem(int lineNo, String field, String key, Object... args) {
    }
}
