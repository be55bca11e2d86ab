package cn.np700.portal.webhooks;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's delivery side: claims due messages for one node (a conditional UPDATE, so two nodes never take the same
 * message), records each attempt and schedules the next with jittered exponential backoff until the message's
 * {@code retry_until} (24 h), then fails it; disables an endpoint that has failed without a success for
 * {@code portal.webhooks.disable-after}, which tells its admins (notifications reads the audited change).
 */
@Component
class DeliveryLedger {

    /** A claimed message with what sending it needs. */
    record Claimed(long id, String msgId, TenantId tenant, long endpointId, String payload, int attempts, String url,
            boolean enabled, byte[] secret, byte[] previousSecret, Timestamp previousUntil) {
    }

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliveryLedger(JdbcClient jdbc, WebhookProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Claims up to {@code limit} due messages under {@code token} (a claim lapses after claim-for) and reads them. */
    List<Claimed> claim(String token, int limit) {
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                UPDATE webhook_message SET claim_token = ?, claimed_until = ?
                WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at LIMIT ?""")
                .params(token, Timestamp.from(now.plus(properties.claimFor())), Timestamp.from(now), Timestamp.from(now), limit)
                .update();
        if (claimed == 0) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT m.id, m.msg_id, m.tenant_id, m.endpoint_id, m.payload, m.attempts, e.url, e.enabled, e.secret_enc,
                    e.previous_secret_enc, e.previous_secret_until
                FROM webhook_message m JOIN webhook_endpoint e ON e.id = m.endpoint_id
                WHERE m.claim_token = ? AND m.status = 'PENDING'""").param(token)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("msg_id"), TenantId.of(rs.getLong("tenant_id")),
                        rs.getLong("endpoint_id"), rs.getString("payload"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getBoolean("enabled"), rs.getBytes("secret_enc"), rs.getBytes("previous_secret_enc"),
                        rs.getTimestamp("previous_secret_until")))
                .list();
    }

    /**
     * Records an attempt and what follows: delivered, due again after a backoff, or failed. Conditional on the claim,
     * so an attempt that outlived its claim (another node took the message over) changes nothing of the message.
     */
    @RetryOnTransientFailure
    @Transactional
    public void record(Claimed message, String token, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        int attempts = message.attempts() + 1;
        jdbc.sql("""
                INSERT INTO webhook_attempt (message_id, attempted_at, status_code, duration_ms, error, response_excerpt)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(message.id(), at, outcome.statusCode(), outcome.durationMs(), clip(outcome.error(), 300),
                        clip(outcome.excerpt(), 500)).update();
        String error = outcome.delivered() ? null : clip(outcome.error() != null ? outcome.error() : "HTTP " + outcome.statusCode(), 300);
        if (outcome.delivered()) {
            jdbc.sql("""
                    UPDATE webhook_message SET status = 'DELIVERED', attempts = ?, last_status_code = ?, last_duration_ms = ?,
                        last_error = NULL, finished_at = ?, claim_token = NULL, claimed_until = NULL
                    WHERE id = ? AND claim_token = ?""")
                    .params(attempts, outcome.statusCode(), outcome.durationMs(), at, message.id(), token).update();
            jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL")
                    .param(message.endpointId()).update();
            return;
        }
        Instant next = now.plus(backoff(attempts));
        jdbc.sql("""
                UPDATE webhook_message SET attempts = ?, last_status_code = ?, last_duration_ms = ?, last_error = ?,
                    status = CASE WHEN retry_until < ? THEN 'FAILED' ELSE 'PENDING' END,
                    finished_at = CASE WHEN retry_until < ? THEN ? ELSE NULL END,
                    next_attempt_at = ?, claim_token = NULL, claimed_until = NULL
                WHERE id = ? AND claim_token = ?""")
                .params(attempts, outcome.statusCode(), outcome.durationMs(), error, Timestamp.from(next),
                        Timestamp.from(next), at, Timestamp.from(next), message.id(), token).update();
        failing(message, now);
    }

    /** A message whose endpoint was disabled meanwhile: failed at once, without an attempt. */
    @RetryOnTransientFailure
    @Transactional
    public void endpointDisabled(Claimed message, String token) {
        jdbc.sql("""
                UPDATE webhook_message SET status = 'FAILED', last_error = 'ENDPOINT_DISABLED', finished_at = ?,
                    claim_token = NULL, claimed_until = NULL WHERE id = ? AND claim_token = ?""")
                .params(Timestamp.from(clock.instant()), message.id(), token).update();
    }

    private void failing(Claimed message, Instant now) {
        long endpointId = message.endpointId();
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = ? WHERE id = ? AND failing_since IS NULL")
                .params(Timestamp.from(now), endpointId).update();
        int disabled = jdbc.sql("""
                UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = 'FAILING', updated_at = ?
                WHERE id = ? AND enabled AND failing_since <= ?""")
                .params(Timestamp.from(now), endpointId, Timestamp.from(now.minus(properties.disableAfter()))).update();
        if (disabled == 1) {
            events.publishEvent(WebhookAudit.of("WEBHOOK_ENDPOINT_DISABLED", endpointId, message.tenant(), Map.of("reason",
                    "FAILING", "url", message.url(), "failingFor", properties.disableAfter().toString())).bySystem());
            events.publishEvent(new EndpointsChanged());
        }
    }

    /** first-retry doubled per attempt up to max-retry-delay, each taken at random between half and all of it. */
    Duration backoff(int attempts) {
        long first = properties.firstRetry().toMillis();
        long ceiling = properties.maxRetryDelay().toMillis();
        long delay = attempts >= 40 ? ceiling : Math.min(ceiling, first << Math.min(attempts - 1, 30));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
