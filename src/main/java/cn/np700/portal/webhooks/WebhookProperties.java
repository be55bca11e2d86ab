package cn.np700.portal.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.webhooks.*}. {@code allowedNetworks} (CIDRs) lets endpoints resolve to addresses that are otherwise
 * refused (loopback, private, link-local, CGNAT, metadata); {@code allowPlainHttp} lets them use http. {@code batch}
 * messages are claimed at a time; at most {@code perEndpoint} sends to one endpoint run at once on a node.
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
        @DefaultValue("100000") int routedBufferLimit) {
}
