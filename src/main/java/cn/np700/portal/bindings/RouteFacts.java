package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * What the routing of one call needs, read in one round trip: who holds X and whether X and its tenant are usable,
 * whether the caller is blacklisted (platform-wide or by X's tenant), and the bindings on X that the caller's slot (or an AXN's any-caller slot) points to.
 * {@code tenantId} is null only when X is not known (no tenant holds it).
 */
public record RouteFacts(boolean xKnown, TenantId tenantId, boolean xAvailable, boolean tenantActive,
        boolean callerBlacklisted, List<Candidate> candidates) {

    /**
     * A binding the call could belong to. {@code callerSlot}: found through the caller's own slot (the caller is A or
     * B of it); otherwise through an AXN's any-caller slot. The other parties come encrypted.
     */
    public record Candidate(long bindingId, BindingMode mode, BindingStatus status, Instant expiresAt,
            Direction direction, boolean record, boolean callerSlot, boolean callerIsA, byte[] aCipher, byte[] bCipher,
            byte[] nCipher) {
    }
}
