package cn.np700.portal.bindings.rules;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.numbers.UsageNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checked request for a new binding: real numbers normalised to 11 digits, {@code b} only for AXB, {@code n}
 * (optional) only for AXN, {@code x} null when the portal chooses it; {@code consent}: the consents sent with it, by
 * party field (empty for none).
 */
public record BindingRequest(BindingMode mode, String a, String b, String n, UsageNumber x, Instant expiresAt,
        Direction direction, boolean record, String orderRef, Map<String, ConsentInput.Checked> consent) {

    /**
     * The parties whose consent must be in force: the real numbers the binding protects, A and B of AXB and A of AXN.
     * N, the number an AXN's A reaches, is the enterprise's own line (a service desk), not a person's number to protect.
     */
    public static List<String> consentedParties(BindingMode mode) {
        return mode == BindingMode.AXB ? List.of("a", "b") : List.of("a");
    }

    /** Whether a repeat with the same orderRef asks for the same binding (same mode and parties). */
    boolean sameParties(BindingRequest other) {
        return mode == other.mode && a.equals(other.a) && Objects.equals(b, other.b) && Objects.equals(n, other.n);
    }
}
