package cn.np700.portal.webhooks;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An endpoint's delivery log (server-paged, filtered by status and type), one message's detail, manual redelivery. */
@Component
class DeliveryLog {

    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED");

    public record Delivery(long id, String msgId, String type, String status, int attempts, Integer lastStatusCode,
            Integer lastDurationMs, String lastError, Instant createdAt, Instant nextAttemptAt, Instant finishedAt) {
    }

    public record Attempt(Instant at, Integer statusCode, int durationMs, String error, String responseExcerpt) {
    }

    public record Detail(Delivery delivery, String payload, List<Attempt> attempts) {
    }

    /** The list's filters, each optional; unknown values are refused by the caller. */
    public record Filter(String status, String type) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final WebhookProperties properties;
    private final Clock clock;

    DeliveryLog(JdbcClient jdbc, ApplicationEventPublisher events, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    Page<Delivery> of(TenantId tenant, long endpointId, Filter filter, PageQuery page) {
        SqlWhere where = new SqlWhere().and("tenant_id = ?", tenant).and("endpoint_id = ?", endpointId);
        if (filter.status() != null) {
            where.and("status = ?", filter.status());
        }
        if (filter.type() != null) {
            where.and("event_type = ?", filter.type());
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM webhook_message" + where.sql(),
                SELECT + where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?", page, DeliveryLog::row);
    }

    Optional<Detail> detail(TenantId tenant, long endpointId, String msgId) {
        return jdbc.sql(SELECT.replace(" FROM", ", payload FROM") + " WHERE tenant_id = ? AND endpoint_id = ? AND msg_id = ?").params(tenant, endpointId, msgId)
                .query((rs, n) -> new Detail(row(rs, n), rs.getString("payload"), List.of())).optional()
                .map(d -> new Detail(d.delivery(), d.payload(), jdbc.sql("""
                        SELECT attempted_at, status_code, duration_ms, error, response_excerpt FROM webhook_attempt
                        WHERE message_id = ? ORDER BY id""").param(d.delivery().id())
                        .query((rs, n) -> new Attempt(rs.getTimestamp("attempted_at").toInstant(),
                                (Integer) rs.getObject("status_code"), rs.getInt("duration_ms"), rs.getString("error"),
                                rs.getString("response_excerpt"))).list()));
    }

    /**
     * Sends a delivered or failed message again, with the same webhook-id, for another retry window; a message still
     * pending is left as it is (it is going to be sent anyway). False when there is no such message.
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean redeliver(TenantId tenant, long endpointId, String msgId) {
        Optional<Long> id = jdbc.sql("SELECT id FROM webhook_message WHERE tenant_id = ? AND endpoint_id = ? AND msg_id = ?")
                .params(tenant, endpointId, msgId).query(Long.class).optional();
        if (id.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        int again = jdbc.sql("""
                UPDATE webhook_message SET status = 'PENDING', next_attempt_at = ?, retry_until = ?, finished_at = NULL,
                    claim_token = NULL, claimed_until = NULL WHERE id = ? AND status <> 'PENDING'""")
                .params(Timestamp.from(now), Timestamp.from(now.plus(properties.retryFor())), id.get()).update();
        if (again == 1) {
            events.publishEvent(WebhookAudit.of("WEBHOOK_REDELIVERY_REQUESTED", endpointId, tenant, Map.of("msgId", msgId)));
        }
        return true;
    }

    static NotFoundException notFound(String msgId) {
        return new NotFoundException("webhook message " + msgId);
    }

    private static final String SELECT = """
            SELECT id, msg_id, event_type, status, attempts, last_status_code, last_duration_ms, last_error, created_at,
                next_attempt_at, finished_at FROM webhook_message""";

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("msg_id"), rs.getString("event_type"), rs.getString("status"),
                rs.getInt("attempts"), (Integer) rs.getObject("last_status_code"), (Integer) rs.getObject("last_duration_ms"),
                rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                WebhookEndpoints.instant(rs.getTimestamp("next_attempt_at")), WebhookEndpoints.instant(rs.getTimestamp("finished_at")));
    }
}
