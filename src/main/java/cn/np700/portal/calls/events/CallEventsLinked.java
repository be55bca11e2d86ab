package cn.np700.portal.calls.events;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Call events of one tenant stored unmatched were linked to their call's binding once it became known. */
record CallEventsLinked(TenantId tenant, List<EarlierEventLinks.Linked> events, EarlierEventLinks.Source source)
        implements AuditableEvent {

    private static final int LISTED = 50;

    @Override
    public String action() {
        return "CALL_EVENTS_LINKED";
    }

    @Override
    public String targetType() {
        return "CALL_EVENT";
    }

    @Override
    public String targetId() {
        return Long.toString(events.get(0).id());
    }

    @Override
    public TenantId tenantId() {
        return tenant;
    }

    @Override
    public Map<String, Object> details() {
        List<EarlierEventLinks.Linked> listed = events.subList(0, Math.min(LISTED, events.size()));
        return Map.of("events", events.size(), "eventIds", listed.stream().map(EarlierEventLinks.Linked::id).toList(),
                "callIds", listed.stream().map(EarlierEventLinks.Linked::callId).distinct().toList(),
                "source", source.name());
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(AuditActor.SYSTEM);
    }
}
