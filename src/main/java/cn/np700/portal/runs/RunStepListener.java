package cn.np700.portal.runs;

/**
 * Told inside each step's transaction, after the kind's work and before the run's position moves: the instant a
 * crash costs the most. Production has none; the takeover tests use one to stop a node exactly there.
 */
public interface RunStepListener {

    void workDone(Run run, int from, int to);
}
