package cn.np700.portal.webhooks;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An enterprise's endpoints: create (the secret is returned once; at most {@code portal.webhooks.endpoint-limit} per
 * enterprise, 10 unless configured), change, enable or disable, rotate the secret (the
 * old one keeps signing beside the new one for {@code portal.webhooks.rotation-overlap}), send a test event. Every
 * change is audited; another tenant's endpoint is not found.
 */
@Service
class WebhookEndpoints {

    static final int DESCRIPTION_MAX = 200;

    /** A new endpoint and its secret, which is shown this once. */
    record Created(WebhookEndpoint endpoint, String secret) {
    }

    /** A rotated secret, shown this once, and until when the previous one still signs. */
    record Rotated(String secret, Instant previousValidUntil) {
    }

    private final JdbcClient jdbc;
    private final UrlGuard guard;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final OutboxWriter outbox;
    private final WebhookProperties properties;
    private final Clock clock;
    private final int endpointLimit;

    WebhookEndpoints(JdbcClient jdbc, UrlGuard guard, PersonalDataCipher cipher, ApplicationEventPublisher events,
            OutboxWriter outbox, WebhookProperties properties, Clock clock) {
        this.endpointLimit = properties.endpointLimit();
        this.jdbc = jdbc;
        this.guard = guard;
        this.cipher = cipher;
        this.events = events;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    List<WebhookEndpoint> of(TenantId tenant) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY id").param(tenant).query(WebhookEndpoints::row).list();
    }

    Optional<WebhookEndpoint> find(TenantId tenant, long id) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND id = ?").params(tenant, id).query(WebhookEndpoints::row)
                .optional();
    }

    WebhookEndpoint get(TenantId tenant, long id) {
        return find(tenant, id).orElseThrow(() -> notFound(id));
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("webhook endpoint " + id);
    }

    @RetryOnTransientFailure
    @Transactional
    public Created create(TenantId tenant, EndpointInput input, String by) {
        List<WebhookInputException.Problem> problems = new ArrayList<>();
        String url = checkedUrl(input.url(), problems);
        String description = checkedDescription(input.description(), problems);
        Set<WebhookEventType> types = checkedEvents(input.events(), problems);
        if (!problems.isEmpty()) {
            throw new WebhookInputException(problems);
        }
        takePlace(tenant);
        String secret = Signatures.newSecret();
        Timestamp now = Timestamp.from(clock.instant());
        boolean enabled = input.enabled() == null || input.enabled();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO webhook_endpoint (tenant_id, url, description, event_types, enabled, secret_enc, created_at,
                    created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant, url, description, wire(types), enabled, cipher.encrypt(secret), now, by, now)
                .update(key, "id");
        long id = key.getKey().longValue();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", url);
        details.put("events", wire(types));
        details.put("enabled", enabled);
        events.publishEvent(WebhookAudit.of("WEBHOOK_ENDPOINT_CREATED", id, tenant, details));
        events.publishEvent(new EndpointsChanged());
        return new Created(get(tenant, id), secret);
    }

    /**
     * Counts the new endpoint in, or refuses it when the tenant has {@code portal.webhooks.endpoint-limit} already:
     * the database decides, by a conditional UPDATE of the tenant's one counter row that every creation writes (on
     * Galera, where row locks stay on their node, two creations writing it on two nodes cannot both commit).
     */
    private void takePlace(TenantId tenant) {
        jdbc.sql("INSERT INTO webhook_endpoint_count (tenant_id, endpoints) VALUES (?, 0) "
                + "ON DUPLICATE KEY UPDATE endpoints = endpoints").param(tenant).update();
        if (jdbc.sql("UPDATE webhook_endpoint_count SET endpoints = endpoints + 1 WHERE tenant_id = ? AND endpoints < ?")
                .params(tenant, endpointLimit).update() == 0) {
            throw new EndpointLimitReached(endpointLimit);
        }
    }

    @RetryOnTransientFailure
    @Transactional
    public WebhookEndpoint change(TenantId tenant, long id, EndpointInput input) {
        WebhookEndpoint before = jdbc.sql(SELECT + " WHERE tenant_id = ? AND id = ? FOR UPDATE").params(tenant, id)
                .query(WebhookEndpoints::row).optional().orElseThrow(() -> notFound(id));
        List<WebhookInputException.Problem> problems = new ArrayList<>();
        String url = input.url() == null ? before.url() : checkedUrl(input.url(), problems);
        String description = input.description() == null ? before.description() : checkedDescription(input.description(), problems);
        Set<WebhookEventType> types = input.events() == null ? before.events() : checkedEvents(input.events(), problems);
        boolean enabled = input.enabled() == null ? before.enabled() : input.enabled();
        if (!problems.isEmpty()) {
            throw new WebhookInputException(problems);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!url.equals(before.url())) {
            changes.put("url", Map.of("from", before.url(), "to", url));
        }
        if (!String.valueOf(description).equals(String.valueOf(before.description()))) {
            changes.put("description", Map.of("from", String.valueOf(before.description()), "to", String.valueOf(description)));
        }
        if (!types.equals(before.events())) {
            changes.put("events", Map.of("from", wire(before.events()), "to", wire(types)));
        }
        if (enabled != before.enabled()) {
            changes.put("enabled", Map.of("from", before.enabled(), "to", enabled));
        }
        if (changes.isEmpty()) {
            return before;
        }
        jdbc.sql("""
                UPDATE webhook_endpoint SET url = ?, description = ?, event_types = ?, enabled = ?,
                    disabled_reason = CASE WHEN ? THEN NULL ELSE COALESCE(disabled_reason, 'ADMIN') END,
                    failing_since = CASE WHEN ? THEN NULL ELSE failing_since END, updated_at = ?
                WHERE id = ? AND tenant_id = ?""")
                .params(url, description, wire(types), enabled, enabled, enabled, Timestamp.from(clock.instant()), id, tenant)
                .update();
        String action = changes.size() == 1 && changes.containsKey("enabled")
                ? (enabled ? "WEBHOOK_ENDPOINT_ENABLED" : "WEBHOOK_ENDPOINT_DISABLED") : "WEBHOOK_ENDPOINT_UPDATED";
        events.publishEvent(WebhookAudit.of(action, id, tenant, changes));
        events.publishEvent(new EndpointsChanged());
        return get(tenant, id);
    }

    @RetryOnTransientFailure
    @Transactional
    public Rotated rotate(TenantId tenant, long id) {
        byte[] current = jdbc.sql("SELECT secret_enc FROM webhook_endpoint WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenant, id).query(byte[].class).optional().orElseThrow(() -> notFound(id));
        String secret = Signatures.newSecret();
        Instant now = clock.instant();
        Instant until = now.plus(properties.rotationOverlap());
        jdbc.sql("""
                UPDATE webhook_endpoint SET secret_enc = ?, previous_secret_enc = ?, previous_secret_until = ?, updated_at = ?
                WHERE id = ? AND tenant_id = ?""")
                .params(cipher.encrypt(secret), current, Timestamp.from(until), Timestamp.from(now), id, tenant).update();
        events.publishEvent(WebhookAudit.of("WEBHOOK_SECRET_ROTATED", id, tenant,
                Map.of("previousValidUntil", until.toString())));
        return new Rotated(secret, until);
    }

    /** Queues a {@code webhook.test} message for the endpoint, enabled or not subscribed; its msg id. */
    @RetryOnTransientFailure
    @Transactional
    public String sendTest(TenantId tenant, long id) {
        get(tenant, id);
        Instant now = clock.instant();
        String msgId = outbox.write(List.of(new OutboxWriter.Pending(tenant, id, WebhookEventType.TEST,
                Payloads.of(WebhookEventType.TEST, now, Map.of("endpointId", id, "message", "a test event from the portal"))))).get(0);
        events.publishEvent(WebhookAudit.of("WEBHOOK_TEST_SENT", id, tenant, Map.of("msgId", msgId)));
        return msgId;
    }

    /** The endpoint's secrets for signing now: the current one, and the previous one while its switch period lasts. */
    List<String> signingSecrets(byte[] current, byte[] previous, Timestamp previousUntil) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(cipher.decrypt(current));
        if (previous != null && previousUntil != null && previousUntil.toInstant().isAfter(clock.instant())) {
            secrets.add(cipher.decrypt(previous));
        }
        return secrets;
    }

    private String checkedUrl(String url, List<WebhookInputException.Problem> problems) {
        try {
            return guard.check(url).toString();
        } catch (UrlGuard.Refused e) {
            problems.add(new WebhookInputException.Problem("url", e.code(), e.messageKey(), e.getMessage()));
            return url;
        }
    }

    private static String checkedDescription(String description, List<WebhookInputException.Problem> problems) {
        String trimmed = description == null ? null : description.strip();
        if (trimmed != null && trimmed.length() > DESCRIPTION_MAX) {
            problems.add(new WebhookInputException.Problem("description", "DESCRIPTION_TOO_LONG",
                    "webhooks.description.tooLong", "the description is longer than " + DESCRIPTION_MAX + " characters"));
        }
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }

    private static Set<WebhookEventType> checkedEvents(List<String> wires, List<WebhookInputException.Problem> problems) {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String wire : wires == null ? List.<String>of() : wires) {
            Optional<WebhookEventType> type = WebhookEventType.ofWire(wire == null ? "" : wire.strip())
                    .filter(t -> t != WebhookEventType.TEST);
            if (type.isEmpty()) {
                problems.add(new WebhookInputException.Problem("events", "UNKNOWN_EVENT", "webhooks.events.unknown",
                        "unknown event type: " + wire));
                return types;
            }
            types.add(type.get());
        }
        if (types.isEmpty()) {
            problems.add(new WebhookInputException.Problem("events", "NO_EVENTS", "webhooks.events.none",
                    "choose at least one event type"));
        }
        return types;
    }

    static String wire(Set<WebhookEventType> types) {
        return types.stream().map(WebhookEventType::wire).collect(Collectors.joining(","));
    }

    static Set<WebhookEventType> types(String wire) {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream(wire.split(",")).map(String::strip).map(WebhookEventType::ofWire)
                .forEach(t -> t.ifPresent(types::add));
        return types;
    }

    private static final String SELECT = """
            SELECT id, tenant_id, url, description, event_types, enabled, disabled_reason, previous_secret_until,
                failing_since, created_at, created_by FROM webhook_endpoint""";

    private static WebhookEndpoint row(ResultSet rs, int n) throws SQLException {
        return new WebhookEndpoint(rs.getLong("id"), TenantId.of(rs.getLong("tenant_id")), rs.getString("url"),
                rs.getString("description"), types(rs.getString("event_types")), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), instant(rs.getTimestamp("previous_secret_until")),
                instant(rs.getTimestamp("failing_since")), instant(rs.getTimestamp("created_at")), rs.getString("created_by"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
