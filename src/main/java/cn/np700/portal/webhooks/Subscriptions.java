package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which enabled endpoints want which events, held in memory so that the event paths (binding creation, ingestion,
 * routing) ask no statement of tenants without endpoints and only the outbox INSERT of those with some. Read again on
 * this node right after a change to an endpoint commits, and on every node every
 * {@code portal.webhooks.subscriptions-refresh} (2 s): an endpoint added or enabled on another node starts receiving
 * events within about that long; one disabled there may still get a message or two written in that time, which the
 * worker then marks failed.
 */
@Component
class Subscriptions {

    record Subscription(long endpointId, Set<WebhookEventType> types) {
    }

    private final JdbcClient jdbc;
    private volatile Map<TenantId, List<Subscription>> byTenant = Map.of();

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's enabled endpoints that chose the type; empty (and no statement) for most tenants. */
    List<Long> endpoints(TenantId tenant, WebhookEventType type) {
        List<Subscription> all = tenant == null ? null : byTenant.get(tenant);
        if (all == null) {
            return List.of();
        }
        List<Long> wanted = new ArrayList<>(all.size());
        for (Subscription s : all) {
            if (s.types().contains(type)) {
                wanted.add(s.endpointId());
            }
        }
        return wanted;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "${portal.webhooks.subscriptions-refresh:PT2S}",
            fixedDelayString = "${portal.webhooks.subscriptions-refresh:PT2S}")
    public void reload() {
        Map<TenantId, List<Subscription>> read = new HashMap<>();
        jdbc.sql("SELECT id, tenant_id, event_types FROM webhook_endpoint WHERE enabled").query(rs -> {
            read.computeIfAbsent(TenantId.of(rs.getLong("tenant_id")), t -> new ArrayList<>())
                    .add(new Subscription(rs.getLong("id"), WebhookEndpoints.types(rs.getString("event_types"))));
        });
        byTenant = read;
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void on(EndpointsChanged changed) {
        reload();
    }
}
