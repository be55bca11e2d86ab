package cn.np700.portal.database;

import java.time.Duration;

/**
 * How long the work on this thread may still wait for the database. A request sets one at its start (routing 1.5 s,
 * everything else 5 s); every connection it borrows then gets the rest of it as the driver's socket timeout, so a
 * database that stops answering fails the request at its budget instead of holding it for minutes. Background work
 * sets none and waits as long as the statement needs.
 */
public final class TimeBudget implements AutoCloseable {

    /** However little is left, a statement gets this long: the audit row after a long export is still written. */
    static final long FLOOR_MILLIS = 250;

    private static final ThreadLocal<TimeBudget> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final TimeBudget outer;

    private TimeBudget(long deadlineNanos, TimeBudget outer) {
        this.deadlineNanos = deadlineNanos;
        this.outer = outer;
    }

    /** Starts a budget for this thread until {@link #close()}; a budget already running keeps the earlier deadline. */
    public static TimeBudget start(Duration budget) {
        TimeBudget outer = CURRENT.get();
        long deadline = System.nanoTime() + budget.toNanos();
        if (outer != null && outer.deadlineNanos - deadline < 0) {
            deadline = outer.deadlineNanos;
        }
        TimeBudget started = new TimeBudget(deadline, outer);
        CURRENT.set(started);
        return started;
    }

    /** What is left of this thread's budget, or {@code null} when it has none. */
    public static Duration remaining() {
        TimeBudget current = CURRENT.get();
        return current == null ? null : Duration.ofNanos(Math.max(0, current.deadlineNanos - System.nanoTime()));
    }

    /** The socket timeout a connection borrowed now gets: the rest of the budget, at least the floor; 0 for none. */
    static int socketTimeoutMillis() {
        Duration left = remaining();
        if (left == null) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(FLOOR_MILLIS, left.toMillis()));
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
