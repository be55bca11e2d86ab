package cn.np700.portal.bindings.changes;

import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.numbers.LiveBindingsEnding;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A block reclaimed past its live bindings: they end in the reclaim's own transaction, each on the audit trail. */
@Component
class ReclaimedNumbers {

    private final BindingLedger ledger;
    private final AuditActorProvider actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReclaimedNumbers(BindingLedger ledger, AuditActorProvider actors, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(LiveBindingsEnding reclaim) {
        Instant now = clock.instant();
        String by = actors.currentActor().name();
        TenantId tenant = reclaim.tenantId();
        List<Long> live = ledger.liveOn(tenant, reclaim.firstNumber(), reclaim.lastNumber());
        List<BindingEnded> ended = new ArrayList<>();
        for (Long id : live) {
            ledger.unbind(Scope.of(tenant), id, by, "BLOCK_RECLAIMED", now).ifPresent(ended::add);
        }
        ledger.releaseUsage(tenant, ended.size());
        ended.forEach(events::publishEvent);
    }
}
