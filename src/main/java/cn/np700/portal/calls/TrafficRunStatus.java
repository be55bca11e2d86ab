package cn.np700.portal.calls;

/** A simulation: still calling, every call made, or stopped early (its node went down, or it broke). */
public enum TrafficRunStatus {
    RUNNING, DONE, FAILED
}
