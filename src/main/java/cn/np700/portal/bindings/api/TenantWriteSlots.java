package cn.np700.portal.bindings.api;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.ApiProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How many binding writes (creations, changes, unbinds) one enterprise may have running at once over the API, per
 * node. Past that it is told 429 at once instead of queueing for a database connection: a tenant whose requests
 * wait on its own locks then holds a few connections, not the pool every other tenant needs.
 */
@Component
class TenantWriteSlots {

    private final int perTenant;
    private final MeterRegistry meters;
    private final Map<TenantId, Semaphore> slots = new ConcurrentHashMap<>();

    TenantWriteSlots(@Value("${portal.bindings.concurrent-writes-per-tenant:8}") int perTenant, MeterRegistry meters) {
        this.perTenant = Math.max(1, perTenant);
        this.meters = meters;
    }

    <T> T within(TenantId tenantId, Supplier<T> write) {
        Semaphore tenant = slots.computeIfAbsent(tenantId, id -> new Semaphore(perTenant));
        if (!tenant.tryAcquire()) {
            meters.counter("portal.bindings.writes.refused.concurrency").increment();
            throw new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_CONCURRENT_REQUESTS",
                    "This enterprise already has " + perTenant + " binding writes in progress on this node; "
                            + "wait for an answer before sending more.").retryAfter(Duration.ofSeconds(1));
        }
        try {
            return write.get();
        } finally {
            tenant.release();
        }
    }
}
