package cn.np700.portal.bindings.api;

import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.queries.BindingHolds;
import java.time.Instant;
import java.util.List;

/**
 * A binding in the tenant API: numbers masked, X as a 15-digit string. {@code heldBy} names what keeps a live binding
 * from taking calls (TENANT, NUMBER, BLOCK or BINDING suspended), widest first; empty when nothing does.
 */
record BindingJson(long id, String mode, String x, String a, String b, String n, String direction, boolean record,
        String orderRef, String status, Instant expiresAt, Instant createdAt, String createdBy, Instant updatedAt,
        Instant endedAt, List<String> heldBy) {

    static BindingJson of(Binding binding) {
        return of(binding, List.of());
    }

    static BindingJson of(Binding binding, List<BindingHolds.Hold> holds) {
        return new BindingJson(binding.id(), binding.mode().name(), Long.toString(binding.x()), binding.aMasked(),
                binding.bMasked(), binding.nMasked(), binding.direction().name(), binding.record(), binding.orderRef(),
                binding.status().name(), binding.expiresAt(), binding.createdAt(), binding.createdBy(),
                binding.updatedAt(), binding.endedAt(), holds.stream().map(BindingHolds.Hold::kind).toList());
    }
}
