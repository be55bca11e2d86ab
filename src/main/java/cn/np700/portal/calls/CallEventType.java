package cn.np700.portal.calls;

/** What the carrier reports about a call while it runs. */
public enum CallEventType {
    ALERTING, ANSWERED, DISCONNECTED
}
