package cn.np700.portal.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.webhooks.*}. {@code allowedNetworks} (CIDRs) lets endpoints resolve to addresses that are otherwise
 * refused (loopback, private, link-local, CGNAT, metadata); {@code allowPlainHttp} lets them use http. {@code batch}
 * messages are claimed at a time; at most {@code perEndpoint} sends to one endpoint run at once on a node. The
 * worker's loop ({@code delivery}) runs a pass every {@code poll} and, with {@code wakeOnCommit}, as soon as an outbox
 * write commits on its node ({@code delivery.threads}, the sending pool's size, belongs to the executors module).
 */
@ConfigurationProperties("portal.webhooks")
record WebhookProperties(
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("false") boolean allowPlainHttp,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("PT24H") Duration retryFor,
        @DefaultValue("PT10S") Duration firstRetry,
        @DefaultValue("PT2H") Duration maxRetryDelay,
        @DefaultValue("P3D") Duration disableAfter,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration responseTimeout,
        @DefaultValue("PT2M") Duration claimFor,
        @DefaultValue("1000") int batch,
        @DefaultValue("4") int perEndpoint,
        @DefaultValue("10") int endpointLimit,
        @DefaultValue("100000") int routedBufferLimit,
        @DefaultValue Delivery delivery) {

    record Delivery(@DefaultValue("PT1S") Duration poll, @DefaultValue("true") boolean wakeOnCommit) {
    }
}
