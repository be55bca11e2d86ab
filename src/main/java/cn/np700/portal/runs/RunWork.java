package cn.np700.portal.runs;

/**
 * The work of one kind of run, as a Spring bean. The capability calls it for item ranges {@code [from, to)} in order,
 * on whichever node holds the run, and may call it again for a range after a crash: {@link #prepare} writes nothing,
 * and {@link #step} writes only inside the transaction that also advances the run, so each item's work is stored,
 * audited and counted exactly once.
 *
 * @param <L> the run's input as loaded once per claim
 * @param <P> what {@link #prepare} hands to {@link #step}
 */
public interface RunWork<L, P> {

    /** The kind's name, stored with each run. */
    String kind();

    /** How many items one step covers. */
    default int chunk() {
        return 1;
    }

    /** How many runs of this kind one node works on at once. */
    default int concurrency() {
        return 2;
    }

    /**
     * True for a kind whose {@link #prepare} commits the items' work itself, each item in its own transaction (bulk
     * bindings apply each line through the binding use case): a step of such a run cancelled meanwhile still records
     * its items against the cancelled run, since they are done, so that its position and counts say so.
     */
    default boolean commitsInPrepare() {
        return false;
    }

    /** Reads the stored input, outside any transaction, each time a node takes the run up. */
    L load(Run run, byte[] input);

    /** What may be slow and needs no transaction (asking an outside service); must write nothing. */
    default P prepare(Run run, L loaded, int from, int to) {
        return null;
    }

    /** Stores the items' work inside the step's transaction and says how they ended. */
    RunCounts step(Run run, L loaded, int from, int to, P prepared);
}
