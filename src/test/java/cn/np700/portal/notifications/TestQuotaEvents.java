package cn.np700.portal.notifications;

import cn.np700.portal.scope.TenantId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Hears the quota events published for each tenant (the context is shared: a test reads its own tenant's). */
@Component
class TestQuotaEvents {

    private final Map<TenantId, List<QuotaThresholdReached>> heard = new ConcurrentHashMap<>();

    /** The tenant's events so far, and those still to come, in order. */
    List<QuotaThresholdReached> heard(TenantId tenant) {
        return heard.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
    }

    @EventListener
    void on(QuotaThresholdReached event) {
        heard(event.tenant()).add(event);
    }
}
