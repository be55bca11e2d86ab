package cn.np700.portal.bindings.rules;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.numbers.UsageNumber;
import java.time.Instant;
import java.util.Objects;

/**
 * A checked request for a new binding: real numbers normalised to 11 digits, {@code b} only for AXB, {@code n}
 * (optional) only for AXN, {@code x} null when the portal chooses it.
 */
public record BindingRequest(BindingMode mode, String a, String b, String n, UsageNumber x, Instant expiresAt,
        Direction direction, boolean record, String orderRef) {

    /** Whether a repeat with the same orderRef asks for the same binding (same mode and parties). */
    boolean sameParties(BindingRequest other) {
        return mode == other.mode && a.equals(other.a) && Objects.equals(b, other.b) && Objects.equals(n, other.n);
    }
}
