package cn.np700.portal.bindings.changes;

import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.ledger.BindingEnding;
import cn.np700.portal.bindings.ledger.TenantBindingUsage;
import cn.np700.portal.numbers.LiveBindingsEnding;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A block reclaimed past its live bindings: they end in the reclaim's own transaction, each on the audit trail. */
@Component
class ReclaimedNumbers {

    private final JdbcClient jdbc;
    private final BindingEnding ending;
    private final TenantBindingUsage usage;
    private final AuditActorProvider actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReclaimedNumbers(JdbcClient jdbc, BindingEnding ending, TenantBindingUsage usage, AuditActorProvider actors,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.ending = ending;
        this.usage = usage;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(LiveBindingsEnding reclaim) {
        Instant now = clock.instant();
        String by = actors.currentActor().name();
        TenantId tenant = TenantId.of(reclaim.tenantId());
        List<Long> live = jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND x BETWEEN ? AND ? "
                        + "AND status IN ('ACTIVE', 'SUSPENDED')")
                .params(tenant, reclaim.firstNumber(), reclaim.lastNumber()).query(Long.class).list();
        List<BindingEnded> ended = new ArrayList<>();
        for (Long id : live) {
            ending.end(Scope.of(tenant), id, BindingStatus.UNBOUND, by, "BLOCK_RECLAIMED", now, false).ifPresent(ended::add);
        }
        usage.giveBack(tenant, ended.size());
        ended.forEach(events::publishEvent);
    }
}
