package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes messages to the outbox in the caller's transaction (or on their own when there is none): one multi-row
 * INSERT for all the messages of one event or batch, so an ingested batch costs one statement whatever its size.
 * Once they are committed it wakes this node's {@link DeliveryWorker} (no statement: a callback after the commit),
 * so that they go within milliseconds rather than at the next poll.
 */
@Component
class OutboxWriter {

    /** One event for one endpoint. */
    record Pending(TenantId tenant, long endpointId, WebhookEventType type, String payload) {
    }

    /** Rows per INSERT: well below the driver's 65,535 placeholders at 10 a row. */
    private static final int ROWS_PER_STATEMENT = 2000;

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final Clock clock;
    private final DeliveryLoop wakeUps;
    private final boolean wakeOnCommit;

    OutboxWriter(JdbcClient jdbc, WebhookProperties properties, Clock clock, DeliveryLoop wakeUps) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.wakeUps = wakeUps;
        this.wakeOnCommit = properties.delivery().wakeOnCommit();
    }

    /** The messages' ids (the webhook-id each is delivered with), in order. */
    List<String> write(List<Pending> pending) {
        List<String> ids = new ArrayList<>(pending.size());
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Timestamp until = Timestamp.from(now.plus(properties.retryFor()));
        for (int from = 0; from < pending.size(); from += ROWS_PER_STATEMENT) {
            List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO webhook_message (msg_id, tenant_id, endpoint_id, event_type, payload, status, attempts,
                        next_attempt_at, retry_until, created_at) VALUES """);
            List<Object> params = new ArrayList<>(chunk.size() * 8);
            for (int i = 0; i < chunk.size(); i++) {
                Pending p = chunk.get(i);
                String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
                ids.add(id);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)");
                params.addAll(List.of(id, p.tenant(), p.endpointId(), p.type().wire(), p.payload(), at, until, at));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        if (wakeOnCommit) {
            wakeWorkerOnCommit();
        }
        return ids;
    }

    /** After the caller's commit (a rolled-back write sends nothing), or now when the write committed on its own. */
    private void wakeWorkerOnCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wakeUps.wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeUps.wake();
            }
        });
    }
}
