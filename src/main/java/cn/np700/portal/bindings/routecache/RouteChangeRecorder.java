package cn.np700.portal.bindings.routecache;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.bindings.BindingChanged;
import cn.np700.portal.bindings.BindingCreated;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingStatus;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every state change publishes an audit event, so the events are the index of what can change a routing answer: any
 * change to a binding, a number or block, a blacklist entry or a tenant. It is written to the journal in the changing
 * transaction (for the other nodes) and dropped here after the commit. Two kinds are left out, with the reason in
 * docs/architecture.md: a new binding (answers without a candidate are never cached) and a binding ended as expired
 * (no entry outlives the expiry it relied on; dropped here all the same, but not journaled, so that neither a
 * creation that ends one on its way nor the expiry job writes a row for it).
 */
@Component
class RouteChangeRecorder {

    private static final Set<String> ROUTED_TARGETS = Set.of("BINDING", "NUMBER", "NUMBER_BLOCK", "BLACKLIST_ENTRY",
            "TENANT");

    private final RouteChangeJournal journal;
    private final RouteCache cache;

    RouteChangeRecorder(RouteChangeJournal journal, RouteCache cache) {
        this.journal = journal;
        this.cache = cache;
    }

    @EventListener
    void on(AuditableEvent event) {
        changeOf(event).ifPresent(change -> {
            if (!(event instanceof BindingEnded ended && ended.endedAs() == BindingStatus.EXPIRED)) {
                journal.write(change);
            }
            afterCommit(() -> cache.forget(change));
        });
    }

    static Optional<RouteChange> changeOf(AuditableEvent event) {
        if (event instanceof BindingCreated) {
            return Optional.empty();
        }
        if (event instanceof BindingEnded ended) {
            return Optional.of(RouteChange.number(ended.x(), ended.tenantId()));
        }
        if (event instanceof BindingChanged changed) {
            return Optional.of(RouteChange.number(changed.x(), changed.tenantId()));
        }
        return ROUTED_TARGETS.contains(event.targetType()) ? Optional.of(RouteChange.tenant(event.tenantId()))
                : Optional.empty();
    }

    private static void afterCommit(Runnable drop) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            drop.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                drop.run();
            }
        });
    }
}
