package cn.np700.portal.calls.records;

/** How a call attempt ended, as the carrier reports it. */
public enum CallResult {
    ANSWERED, BUSY, NO_ANSWER, REJECTED, FAILED
}
