package cn.np700.portal.webhooks;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's delivery side: claims due messages for one node (a conditional UPDATE, so two nodes never take the same
 * message), records what became of a group of them in one transaction and schedules each failed one's next attempt
 * with jittered exponential backoff until its {@code retry_until} (24 h), then fails it; disables an endpoint that has
 * failed without a success for {@code portal.webhooks.disable-after}, which tells its admins (notifications reads the
 * audited change).
 */
@Component
class DeliveryLedger {

    /**
     * A claimed message with what sending it needs, the claim's token, the latest time a send may start (a send
     * started later could outlast the claim, and another node could send the message beside it) and when the claim
     * lapses.
     */
    record Claimed(long id, String msgId, TenantId tenant, long endpointId, String payload, int attempts, String url,
            boolean enabled, byte[] secret, byte[] previousSecret, Timestamp previousUntil, Instant retryUntil,
            String token, Instant sendBy, Instant claimedUntil) {
    }

    /** What became of a claimed message. */
    enum Fate {
        /** sent, with an outcome */
        SENT,
        /** not sent: its endpoint was disabled meanwhile, so it fails without an attempt */
        ENDPOINT_DISABLED,
        /** not sent in time: the claim is given back and the message is due again at once */
        HANDED_BACK
    }

    record Done(Claimed message, Fate fate, WebhookSender.Outcome outcome) {

        static Done sent(Claimed message, WebhookSender.Outcome outcome) {
            return new Done(message, Fate.SENT, outcome);
        }

        static Done endpointDisabled(Claimed message) {
            return new Done(message, Fate.ENDPOINT_DISABLED, null);
        }

        static Done handedBack(Claimed message) {
            return new Done(message, Fate.HANDED_BACK, null);
        }

        boolean delivered() {
            return fate == Fate.SENT && outcome.delivered();
        }

        boolean failedAttempt() {
            return fate == Fate.SENT && !outcome.delivered();
        }
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

    /**
     * Claims up to {@code limit} due messages under a new token (the claim lapses after claim-for) and reads them.
     * READ COMMITTED: the claim's scan takes no gap locks, so it does not hold up ingestion writing new messages.
     */
    @RetryOnTransientFailure
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<Claimed> claim(int limit) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant until = now.plus(properties.claimFor());
        int claimed = jdbc.sql("""
                UPDATE webhook_message SET claim_token = ?, claimed_until = ?
                WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at LIMIT ?""")
                .params(token, Timestamp.from(until), Timestamp.from(now), Timestamp.from(now), limit)
                .update();
        if (claimed == 0) {
            return List.of();
        }
        Instant sendBy = until.minus(properties.connectTimeout().plus(properties.responseTimeout()).multipliedBy(2));
        return jdbc.sql("""
                SELECT m.id, m.msg_id, m.tenant_id, m.endpoint_id, m.payload, m.attempts, m.retry_until, e.url, e.enabled,
                    e.secret_enc, e.previous_secret_enc, e.previous_secret_until
                FROM webhook_message m JOIN webhook_endpoint e ON e.id = m.endpoint_id
                WHERE m.claim_token = ? AND m.status = 'PENDING'""").param(token)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("msg_id"), TenantId.of(rs.getLong("tenant_id")),
                        rs.getLong("endpoint_id"), rs.getString("payload"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getBoolean("enabled"), rs.getBytes("secret_enc"), rs.getBytes("previous_secret_enc"),
                        rs.getTimestamp("previous_secret_until"), rs.getTimestamp("retry_until").toInstant(), token, sendBy, until))
                .list();
    }

    /**
     * Records what became of a group of claimed messages in one transaction: one INSERT of the attempts, one UPDATE of
     * the messages (delivered, due again after a backoff, failed, or handed back), and the endpoints' failing period.
     * Only messages whose claim is still the one they were sent under are recorded: a message whose claim lapsed and
     * was taken over (by another node, or by this one again) is left to its new holder, attempt and all.
     */
    @RetryOnTransientFailure
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void record(List<Done> done) {
        if (done.isEmpty()) {
            return;
        }
        // locks the rows, so no claim can take one over before this commits (on Galera the conditional UPDATE below
        // and certification settle it: a claim committed elsewhere first makes this transaction fail and run again)
        Map<Long, String> tokens = new HashMap<>();
        jdbc.sql("SELECT id, claim_token FROM webhook_message WHERE id IN (" + marks(done.size()) + ") FOR UPDATE")
                .params(done.stream().map(d -> (Object) d.message().id()).toList())
                .query(rs -> {
                    tokens.put(rs.getLong("id"), rs.getString("claim_token"));
                });
        List<Done> held = done.stream().filter(d -> Objects.equals(tokens.get(d.message().id()), d.message().token())).toList();
        if (held.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        insertAttempts(held, Timestamp.from(now));
        updateMessages(held, now);
        failingPeriods(held, now);
    }

    private void insertAttempts(List<Done> held, Timestamp at) {
        List<Done> sent = held.stream().filter(d -> d.fate() == Fate.SENT).toList();
        if (sent.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO webhook_attempt (message_id, attempted_at, status_code, duration_ms, error, response_excerpt)
                VALUES """);
        List<Object> params = new ArrayList<>(sent.size() * 6);
        for (int i = 0; i < sent.size(); i++) {
            WebhookSender.Outcome outcome = sent.get(i).outcome();
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(sent.get(i).message().id(), at, outcome.statusCode(), outcome.durationMs(),
                    clip(outcome.error(), 300), clip(outcome.excerpt(), 500)));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** One UPDATE for the whole group: each column a CASE on the id, for the messages whose column changes. */
    private void updateMessages(List<Done> held, Instant now) {
        Timestamp at = Timestamp.from(now);
        CaseUpdate update = new CaseUpdate("webhook_message",
                "status", "attempts", "last_status_code", "last_duration_ms", "last_error", "finished_at", "next_attempt_at");
        for (Done d : held) {
            long id = d.message().id();
            switch (d.fate()) {
                case SENT -> {
                    WebhookSender.Outcome outcome = d.outcome();
                    update.set(id, "attempts", d.message().attempts() + 1);
                    update.set(id, "last_status_code", outcome.statusCode());
                    update.set(id, "last_duration_ms", outcome.durationMs());
                    if (outcome.delivered()) {
                        update.set(id, "status", "DELIVERED");
                        update.set(id, "last_error", null);
                        update.set(id, "finished_at", at);
                    } else {
                        Instant next = now.plus(backoff(d.message().attempts() + 1));
                        boolean over = d.message().retryUntil().isBefore(next);
                        update.set(id, "status", over ? "FAILED" : "PENDING");
                        update.set(id, "last_error", clip(outcome.error() != null ? outcome.error() : "HTTP " + outcome.statusCode(), 300));
                        update.set(id, "finished_at", over ? at : null);
                        update.set(id, "next_attempt_at", Timestamp.from(next));
                    }
                }
                case ENDPOINT_DISABLED -> {
                    update.set(id, "status", "FAILED");
                    update.set(id, "last_error", "ENDPOINT_DISABLED");
                    update.set(id, "finished_at", at);
                }
                case HANDED_BACK -> {
                    // only the claim goes
                }
            }
            update.row(id, d.message().token());
        }
        update.run(jdbc, "claim_token = NULL, claimed_until = NULL");
    }

    /**
     * An endpoint that answered 2xx in this group is not failing; one whose every send in it failed starts its failing
     * period if none is running, and is disabled if the period has lasted disable-after. The periods are read without a
     * lock and changed only where they change: ingestion's transactions hold shared locks on the endpoints' rows (the
     * messages' foreign key), which an UPDATE of every endpoint would wait for.
     */
    private void failingPeriods(List<Done> held, Instant now) {
        Map<Long, Claimed> succeeded = new LinkedHashMap<>();
        Map<Long, Claimed> failed = new LinkedHashMap<>();
        for (Done d : held) {
            if (d.delivered()) {
                succeeded.putIfAbsent(d.message().endpointId(), d.message());
            } else if (d.failedAttempt()) {
                failed.putIfAbsent(d.message().endpointId(), d.message());
            }
        }
        failed.keySet().removeAll(succeeded.keySet());
        Set<Long> touched = new LinkedHashSet<>(succeeded.keySet());
        touched.addAll(failed.keySet());
        if (touched.isEmpty()) {
            return;
        }
        Map<Long, Instant> failingSince = new HashMap<>();
        jdbc.sql("SELECT id, failing_since FROM webhook_endpoint WHERE failing_since IS NOT NULL AND id IN ("
                        + marks(touched.size()) + ")")
                .params(List.copyOf(touched))
                .query(rs -> {
                    failingSince.put(rs.getLong("id"), rs.getTimestamp("failing_since").toInstant());
                });
        List<Long> recovered = succeeded.keySet().stream().filter(failingSince::containsKey).toList();
        if (!recovered.isEmpty()) {
            jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL WHERE failing_since IS NOT NULL AND id IN ("
                    + marks(recovered.size()) + ")").params(List.copyOf(recovered)).update();
        }
        List<Long> starting = failed.keySet().stream().filter(id -> !failingSince.containsKey(id)).toList();
        if (!starting.isEmpty()) {
            List<Object> params = new ArrayList<>(List.of(Timestamp.from(now)));
            params.addAll(starting);
            jdbc.sql("UPDATE webhook_endpoint SET failing_since = ? WHERE failing_since IS NULL AND id IN ("
                    + marks(starting.size()) + ")").params(params).update();
        }
        Instant disableBefore = now.minus(properties.disableAfter());
        failed.forEach((endpointId, message) -> {
            Instant since = failingSince.get(endpointId);
            if (since != null && !since.isAfter(disableBefore)) {
                disable(message, now, disableBefore);
            }
        });
    }

    private void disable(Claimed message, Instant now, Instant disableBefore) {
        long endpointId = message.endpointId();
        int disabled = jdbc.sql("""
                UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = 'FAILING', updated_at = ?
                WHERE id = ? AND enabled AND failing_since <= ?""")
                .params(Timestamp.from(now), endpointId, Timestamp.from(disableBefore)).update();
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

    static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
