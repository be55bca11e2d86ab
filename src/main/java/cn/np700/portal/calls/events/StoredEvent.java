package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;

/**
 * An event as stored, the same however often it is sent: {@code status} MATCHED (to {@code bindingId}), or NO_BINDING
 * (X's enterprise has no binding that tells which call it was), or NO_TENANT (no enterprise holds X).
 */
public record StoredEvent(long id, String callId, CallEventType type, String status, Long bindingId) {

    public boolean matched() {
        return "MATCHED".equals(status);
    }
}
