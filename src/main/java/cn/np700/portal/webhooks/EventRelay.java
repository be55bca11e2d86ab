package cn.np700.portal.webhooks;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.calls.CallRecordsLinked;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.consent.ConsentWithdrawn;
import cn.np700.portal.notifications.QuotaThresholdReached;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into outbox messages for the endpoints that chose them, synchronously in the
 * publisher's transaction: a message exists exactly when its change committed. Audited changes (bindings, numbers,
 * risk alerts, complaints) come as the {@link AuditableEvent} the audit trail reads; the rest by their own types.
 * A tenant without a subscribed endpoint costs no statement ({@link Subscriptions}).
 */
@Component
class EventRelay {

    /**
     * The most records in one {@code call.records.stored} message, so that a receiver can set its body limit (under
     * 175 KB). Ingestion stores at most 500 at a time on every path (the carrier API, an upload's step), so a batch is
     * one message per endpoint; a larger one would be split.
     */
    static final int RECORDS_PER_MESSAGE = 500;

    private final Subscriptions subscriptions;
    private final OutboxWriter outbox;
    private final Clock clock;

    EventRelay(Subscriptions subscriptions, OutboxWriter outbox, Clock clock) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    public void on(AuditableEvent event) {
        if (event.tenantId() == null) {
            return;
        }
        WebhookEventType.ofAuditAction(event.action()).ifPresent(type -> {
            if (!subscriptions.endpoints(event.tenantId(), type).isEmpty()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put(idName(event.targetType()), event.targetId());
                if (event.details() != null) {
                    data.putAll(event.details());
                }
                relay(event.tenantId(), type, clock.instant(), data);
            }
        });
    }

    @EventListener
    public void on(CallStatusReported event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", event.callId());
        data.put("bindingId", event.bindingId());
        data.put("x", Long.toString(event.x()));
        data.put("status", event.type().name());
        data.put("cause", event.cause());
        data.put("at", event.at().toString());
        relay(event.tenant(), WebhookEventType.CALL_STATUS, event.at(), data);
    }

    /**
     * One INSERT for the whole batch, whatever its size and however many tenants and endpoints it reaches: a message
     * per record for endpoints on {@code call.record.stored}, and one per tenant's share of the batch (at most
     * {@link #RECORDS_PER_MESSAGE} records, in the batch's order) for those on {@code call.records.stored}; a record's
     * data is the same in both.
     */
    @EventListener
    public void on(CallRecordsStored event) {
        relayRecords(event.records());
    }

    /**
     * Records stored unmatched and linked later (by the relinking sweep or an operator): the same messages as
     * ingestion's, to the endpoints of the enterprise owning the binding each was linked to, in the linking's
     * transaction. The event holds only what the linking's conditional UPDATE took, so a record goes once.
     */
    @EventListener
    public void on(CallRecordsLinked event) {
        relayRecords(event.records());
    }

    private void relayRecords(List<CallRecordsStored.Stored> records) {
        Instant at = clock.instant();
        List<OutboxWriter.Pending> pending = new ArrayList<>();
        Map<TenantId, List<Map<String, Object>>> batched = new LinkedHashMap<>();
        for (CallRecordsStored.Stored r : records) {
            List<Long> single = subscriptions.endpoints(r.tenant(), WebhookEventType.CALL_RECORD_STORED);
            boolean batch = !subscriptions.endpoints(r.tenant(), WebhookEventType.CALL_RECORDS_STORED).isEmpty();
            if (single.isEmpty() && !batch) {
                continue;
            }
            Map<String, Object> data = recordData(r);
            if (!single.isEmpty()) {
                String payload = Payloads.of(WebhookEventType.CALL_RECORD_STORED, at, data);
                single.forEach(e -> pending.add(new OutboxWriter.Pending(r.tenant(), e, WebhookEventType.CALL_RECORD_STORED, payload)));
            }
            if (batch) {
                batched.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(data);
            }
        }
        batched.forEach((tenant, ofTenant) -> {
            List<Long> endpoints = subscriptions.endpoints(tenant, WebhookEventType.CALL_RECORDS_STORED);
            for (int from = 0; from < ofTenant.size(); from += RECORDS_PER_MESSAGE) {
                String payload = Payloads.of(WebhookEventType.CALL_RECORDS_STORED, at,
                        Map.of("records", ofTenant.subList(from, Math.min(ofTenant.size(), from + RECORDS_PER_MESSAGE))));
                endpoints.forEach(e -> pending.add(new OutboxWriter.Pending(tenant, e, WebhookEventType.CALL_RECORDS_STORED, payload)));
            }
        });
        if (!pending.isEmpty()) {
            outbox.write(pending);
        }
    }

    private static Map<String, Object> recordData(CallRecordsStored.Stored r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recordId", r.recordId());
        data.put("bindingId", r.bindingId());
        data.put("callId", r.callId());
        data.put("x", Long.toString(r.x()));
        data.put("caller", r.maskedCaller());
        data.put("callee", r.maskedCallee());
        data.put("startedAt", String.valueOf(r.startedAt()));
        data.put("endedAt", String.valueOf(r.endedAt()));
        data.put("durationSeconds", r.durationSeconds());
        data.put("releaseCause", r.releaseCause());
        return data;
    }

    @EventListener
    public void on(ConsentWithdrawn event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("consentId", event.consentId());
        data.put("number", event.maskedNumber());
        data.put("bindingsEnded", event.bindingsEnded());
        data.put("at", event.at().toString());
        relay(event.tenant(), WebhookEventType.CONSENT_WITHDRAWN, event.at(), data);
    }

    @EventListener
    public void on(QuotaThresholdReached event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("quota", event.measure());
        data.put("percent", event.percent());
        data.put("used", event.used());
        data.put("limit", event.limit());
        data.put("period", event.period());
        relay(event.tenant(), WebhookEventType.QUOTA_THRESHOLD, clock.instant(), data);
    }

    private void relay(TenantId tenant, WebhookEventType type, Instant at, Map<String, Object> data) {
        List<Long> endpoints = subscriptions.endpoints(tenant, type);
        if (endpoints.isEmpty()) {
            return;
        }
        String payload = Payloads.of(type, at, data);
        outbox.write(endpoints.stream().map(e -> new OutboxWriter.Pending(tenant, e, type, payload)).toList());
    }

    /** {@code BINDING} → {@code bindingId}, {@code RISK_ALERT} → {@code riskAlertId}. */
    private static String idName(String targetType) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : targetType.toLowerCase().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.append("Id").toString();
    }
}
