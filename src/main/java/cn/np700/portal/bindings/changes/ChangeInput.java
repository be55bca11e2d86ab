package cn.np700.portal.bindings.changes;

/** A change to a live binding as typed or sent: any of a new expiry, a new B (AXB) and a new direction. */
public record ChangeInput(Long expiresInSeconds, String expiresAt, String b, String direction) {
}
