package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The bindings ever made on a usage number, for its history. The bindings module implements it (it depends on this
 * module, not the reverse), so the history shows a number's bindings without reading the bindings' table.
 */
public interface NumberBindings {

    /** One binding on the number: parties masked, when it was made and when it ended (null while live). */
    record Span(long bindingId, TenantId tenantId, String mode, String aMasked, String otherMasked, String status,
            Instant createdAt, Instant endedAt) {
    }

    /** The latest {@code limit} bindings on {@code number}, newest first. */
    List<Span> on(long number, int limit);
}
