package cn.np700.portal.bindings;

import java.time.Instant;

/** A binding in the tenant API: numbers masked, X as a 15-digit string. */
record BindingJson(long id, String mode, String x, String a, String b, String n, String direction, boolean record,
        String orderRef, String status, Instant expiresAt, Instant createdAt, String createdBy, Instant updatedAt,
        Instant endedAt) {

    static BindingJson of(Binding binding) {
        return new BindingJson(binding.id(), binding.mode().name(), Long.toString(binding.x()), binding.aMasked(),
                binding.bMasked(), binding.nMasked(), binding.direction().name(), binding.record(), binding.orderRef(),
                binding.status().name(), binding.expiresAt(), binding.createdAt(), binding.createdBy(),
                binding.updatedAt(), binding.endedAt());
    }
}
