package cn.np700.portal.database;

import java.time.Duration;

/**
 * How long the work on this thread may still wait for the database. A request sets one at its start (routing 1.5 s,
 * everything else 5 s); every connection it borrows then gets the rest of it as the driver's socket timeout, so a
 * database that stops answering fails the request at its budget instead of holding it for minutes. Scheduled jobs
 * have no deadline, only a limit on the database's silence ({@link #silenceLimit}): a hung server must not hold the
 * scheduler's thread, and the jobs behind it, for hours. Other background work (the schema migration at start) sets
 * none and waits as long as the statement needs.
 */
public final class TimeBudget implements AutoCloseable {

    /** However little is left, a statement gets this long: the audit row after a long export is still written. */
    static final long FLOOR_MILLIS = 250;

    private static final ThreadLocal<TimeBudget> CURRENT = new ThreadLocal<>();

    private final boolean hasDeadline;
    private final long deadlineNanos;
    private final int silenceMillis;
    private final TimeBudget outer;

    private TimeBudget(boolean hasDeadline, long deadlineNanos, int silenceMillis, TimeBudget outer) {
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
        this.silenceMillis = silenceMillis;
        this.outer = outer;
    }

    /** Starts a budget for this thread until {@link #close()}; a budget already running keeps the earlier deadline. */
    public static TimeBudget start(Duration budget) {
        TimeBudget outer = CURRENT.get();
        long deadline = System.nanoTime() + budget.toNanos();
        if (outer != null && outer.hasDeadline && outer.deadlineNanos - deadline < 0) {
            deadline = outer.deadlineNanos;
        }
        return enter(new TimeBudget(true, deadline, 0, outer));
    }

    /** No deadline until {@link #close()}, but every connection borrowed gives up on a database silent for this long. */
    public static TimeBudget silenceLimit(Duration limit) {
        return enter(new TimeBudget(false, 0, (int) Math.min(Integer.MAX_VALUE, limit.toMillis()), CURRENT.get()));
    }

    private static TimeBudget enter(TimeBudget budget) {
        CURRENT.set(budget);
        return budget;
    }

    /** What is left of this thread's budget, or {@code null} when it has no deadline. */
    public static Duration remaining() {
        TimeBudget current = CURRENT.get();
        if (current == null || !current.hasDeadline) {
            return null;
        }
        return Duration.ofNanos(Math.max(0, current.deadlineNanos - System.nanoTime()));
    }

    /**
     * The socket timeout a connection borrowed now gets: the rest of the budget, at least the floor; the silence limit
     * without a deadline; 0 for none.
     */
    static int socketTimeoutMillis() {
        TimeBudget current = CURRENT.get();
        if (current == null) {
            return 0;
        }
        if (!current.hasDeadline) {
            return current.silenceMillis;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(FLOOR_MILLIS, remaining().toMillis()));
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
