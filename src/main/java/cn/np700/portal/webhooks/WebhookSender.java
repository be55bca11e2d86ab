package cn.np700.portal.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed message. No redirects, no automatic retries, no proxy, no cookies; connect and response timeouts
 * from {@link WebhookProperties}; the answer's first 500 characters are kept for the delivery log.
 */
@Component
class WebhookSender implements DisposableBean {

    /** What one attempt came to: a status when the receiver answered, else an error. */
    record Outcome(Integer statusCode, String error, String excerpt, int durationMs) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final UrlGuard guard;
    private final CloseableHttpClient client;

    WebhookSender(UrlGuard guard, WebhookProperties properties) {
        this.guard = guard;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDns(guard))
                        .setMaxConnTotal(200).setMaxConnPerRoute(10)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.responseTimeout())).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(properties.responseTimeout())).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .setUserAgent("np700-portal-webhooks/1")
                .build();
    }

    Outcome send(String url, String msgId, long timestamp, List<String> signatures, String body) {
        long started = System.nanoTime();
        try {
            URI uri = guard.parse(url);
            // an address literal is not looked up by the resolver: check it here (a name is checked there)
            guard.addresses(uri.getHost());
            HttpPost post = new HttpPost(uri);
            post.setHeader("webhook-id", msgId);
            post.setHeader("webhook-timestamp", Long.toString(timestamp));
            post.setHeader("webhook-signature", String.join(" ", signatures));
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return client.execute(post, response -> {
                String excerpt = null;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        excerpt = new String(in.readNBytes(500), StandardCharsets.UTF_8);
                    }
                }
                return new Outcome(response.getCode(), null, excerpt, millisSince(started));
            });
        } catch (UrlGuard.Refused e) {
            return new Outcome(null, e.code() + ": " + e.getMessage(), null, millisSince(started));
        } catch (SocketTimeoutException e) {
            return new Outcome(null, "TIMEOUT: no answer in time", null, millisSince(started));
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, "CONNECTION: " + e, null, millisSince(started));
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
