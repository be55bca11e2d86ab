package cn.np700.portal.webhooks;

import cn.np700.portal.executors.ExecutorNames;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox messages, on every node: each poll claims a batch for this node alone (the claim is a conditional
 * UPDATE, so nodes share the work without ShedLock) and sends it on the {@code webhookDelivery} pool, then claims again
 * while batches come back full. A node dying mid-batch leaves its claims to lapse (claim-for, 2 min), after which any
 * node sends those messages again with the same webhook-id.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryLedger ledger;
    private final WebhookSender sender;
    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final ThreadPoolTaskExecutor pool;

    DeliveryWorker(DeliveryLedger ledger, WebhookSender sender, WebhookEndpoints endpoints, WebhookProperties properties,
            @Qualifier(ExecutorNames.WEBHOOK_DELIVERY) ThreadPoolTaskExecutor pool) {
        this.ledger = ledger;
        this.sender = sender;
        this.endpoints = endpoints;
        this.properties = properties;
        this.pool = pool;
    }

    @Scheduled(initialDelayString = "${portal.webhooks.delivery.poll:PT1S}", fixedDelayString = "${portal.webhooks.delivery.poll:PT1S}")
    public void scheduled() {
        try {
            while (deliverDue() == properties.batch()) {
                // a full batch: more may be due
            }
        } catch (DataAccessException e) {
            log.warn("Webhook delivery paused until the next poll: {}", e.toString());
        }
    }

    /** Claims one batch of due messages and sends it; how many were claimed. */
    int deliverDue() {
        String token = UUID.randomUUID().toString();
        List<DeliveryLedger.Claimed> claimed = ledger.claim(token, properties.batch());
        CompletableFuture.allOf(claimed.stream()
                .map(m -> CompletableFuture.runAsync(() -> deliver(m, token), pool))
                .toArray(CompletableFuture[]::new)).join();
        return claimed.size();
    }

    private void deliver(DeliveryLedger.Claimed message, String token) {
        if (!message.enabled()) {
            ledger.endpointDisabled(message, token);
            return;
        }
        long timestamp = System.currentTimeMillis() / 1000;
        List<String> signatures = endpoints.signingSecrets(message.secret(), message.previousSecret(), message.previousUntil())
                .stream().map(secret -> Signatures.sign(secret, message.msgId(), timestamp, message.payload())).toList();
        WebhookSender.Outcome outcome = sender.send(message.url(), message.msgId(), timestamp, signatures, message.payload());
        ledger.record(message, token, outcome);
    }
}
