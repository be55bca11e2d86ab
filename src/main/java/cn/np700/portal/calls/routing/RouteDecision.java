package cn.np700.portal.calls.routing;

/** CONNECT with the callee's real number, the number to display (always X) and the record flag; or REJECT with why. */
public record RouteDecision(String action, String callee, String display, Boolean record, Long bindingId, String reason) {

    static RouteDecision connect(String callee, long x, boolean record, long bindingId) {
        return new RouteDecision("CONNECT", callee, Long.toString(x), record, bindingId, null);
    }

    static RouteDecision reject(RejectReason reason, Long bindingId) {
        return new RouteDecision("REJECT", null, null, null, bindingId, reason.name());
    }

    public boolean connected() {
        return "CONNECT".equals(action);
    }
}
