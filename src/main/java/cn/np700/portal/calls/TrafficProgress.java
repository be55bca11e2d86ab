package cn.np700.portal.calls;

/** Told after every batch how far a simulation got; answers false to stop it (its run was stopped meanwhile). */
@FunctionalInterface
interface TrafficProgress {

    TrafficProgress NONE = (done, soFar) -> true;

    boolean saved(int callsDone, TrafficOutcome soFar);
}
