package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hears what the calls module tells its listeners about the tenants a test watches (the context is shared, so other
 * tests' events are left out), and whether each event came inside a transaction.
 */
@Component
public class TestCallEvents {

    /** An event heard, and whether a transaction was running when it was published. */
    public record Heard<T>(T event, boolean inTransaction) {
    }

    private final Set<TenantId> watched = ConcurrentHashMap.newKeySet();
    private final Queue<Heard<?>> heard = new ConcurrentLinkedQueue<>();

    public void watch(TenantId tenant) {
        watched.add(tenant);
    }

    /** The events of this type heard for a watched tenant, in the order they came. */
    @SuppressWarnings("unchecked")
    public <T> List<Heard<T>> of(Class<T> type) {
        return heard.stream().filter(h -> type.isInstance(h.event())).map(h -> (Heard<T>) h).toList();
    }

    @EventListener
    void routed(CallRouted event) {
        hear(event.tenant(), event);
    }

    @EventListener
    void status(CallStatusReported event) {
        hear(event.tenant(), event);
    }

    @EventListener
    void stored(CallRecordsStored event) {
        if (event.records().stream().anyMatch(r -> watched.contains(r.tenant()))) {
            heard.add(new Heard<>(event, TransactionSynchronizationManager.isActualTransactionActive()));
        }
    }

    private void hear(TenantId tenant, Object event) {
        if (watched.contains(tenant)) {
            heard.add(new Heard<>(event, TransactionSynchronizationManager.isActualTransactionActive()));
        }
    }
}
