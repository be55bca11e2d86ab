package cn.np700.portal.runs;

/** RUNNING until every item is done (DONE), a step broke (FAILED), or someone stopped it (CANCELLED). */
public enum RunStatus {
    RUNNING, DONE, FAILED, CANCELLED;

    public boolean ended() {
        return this != RUNNING;
    }
}
