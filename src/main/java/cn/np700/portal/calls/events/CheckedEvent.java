package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import java.time.Instant;

/** An event that passed every check; {@code index} is its place in the push. */
record CheckedEvent(int index, String callId, long x, CallEventType type, String cause, Instant at, Long routedBinding) {

    /** What makes an event the same event: a call reports each type once. */
    record Key(String callId, CallEventType type) {
    }

    Key key() {
        return new Key(callId, type);
    }
}
