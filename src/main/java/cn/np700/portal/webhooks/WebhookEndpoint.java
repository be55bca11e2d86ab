package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.Set;

/** An endpoint as its admin sees it (never its secret). */
public record WebhookEndpoint(long id, TenantId tenantId, String url, String description, Set<WebhookEventType> events,
        boolean enabled, String disabledReason, Instant previousSecretUntil, Instant failingSince, Instant createdAt,
        String createdBy) {
}
