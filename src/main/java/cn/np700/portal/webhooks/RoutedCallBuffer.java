package cn.np700.portal.webhooks;

import cn.np700.portal.calls.CallRouted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Routing's events, which routing publishes outside any transaction on its hot path: the listener only looks the
 * tenant up in memory and queues the event (no statement, no lock, no JSON); every
 * {@code portal.webhooks.routed-flush} (200 ms) each node writes what it queued in one multi-row INSERT per 2,000
 * messages. Beyond {@code routed-buffer-limit} queued events new ones are dropped and counted. What a node holds
 * when it dies is lost: a routed call commits nothing either, and its record (call.record.stored) follows durably.
 * The queue is written out when the node shuts down.
 */
@Component
class RoutedCallBuffer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoutedCallBuffer.class);

    private record Queued(CallRouted event, List<Long> endpoints) {
    }

    private final Subscriptions subscriptions;
    private final OutboxWriter outbox;
    private final WebhookProperties properties;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    RoutedCallBuffer(Subscriptions subscriptions, OutboxWriter outbox, WebhookProperties properties) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.properties = properties;
    }

    @EventListener
    public void on(CallRouted event) {
        List<Long> endpoints = subscriptions.endpoints(event.tenant(), WebhookEventType.CALL_ROUTED);
        if (endpoints.isEmpty()) {
            return;
        }
        if (queued.incrementAndGet() > properties.routedBufferLimit()) {
            queued.decrementAndGet();
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("The call.routed webhook queue is full: {} events dropped so far", dropped.get());
            }
            return;
        }
        queue.add(new Queued(event, endpoints));
    }

    /** Writes what is queued; how many messages. */
    @Scheduled(fixedDelayString = "${portal.webhooks.routed-flush:PT0.2S}")
    public int flush() {
        List<OutboxWriter.Pending> pending = new ArrayList<>();
        for (Queued q; (q = queue.poll()) != null; ) {
            queued.decrementAndGet();
            CallRouted e = q.event();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("callId", e.callId());
            data.put("bindingId", e.bindingId());
            data.put("x", Long.toString(e.x()));
            data.put("caller", e.maskedCaller());
            data.put("connected", e.connected());
            data.put("reason", e.reason());
            data.put("at", e.at().toString());
            String payload = Payloads.of(WebhookEventType.CALL_ROUTED, e.at(), data);
            q.endpoints().forEach(id -> pending.add(new OutboxWriter.Pending(e.tenant(), id, WebhookEventType.CALL_ROUTED, payload)));
        }
        if (!pending.isEmpty()) {
            outbox.write(pending);
        }
        return pending.size();
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void destroy() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("call.routed webhook messages queued at shutdown were not written: {}", e.toString());
        }
    }
}
