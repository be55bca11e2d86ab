package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The benchmark tenants' webhook endpoints, through the tenant API with each tenant's API key: one endpoint per tenant
 * on the phase's event type ({@code call.records.stored} or {@code call.record.stored}), pointing at the receiver; endpoints left enabled by an earlier run are disabled first
 * (their undelivered messages would otherwise compete), and this run's are disabled after it.
 */
final class WebhookSetup {

    static final String PATH = "/api/v1/webhook-endpoints";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private WebhookSetup() {
    }

    /** Creates tenant t's endpoint and gives its secret to the receiver; its id. */
    static long create(Portal portal, WebhookReceiver receiver, int tenant, String run, String event)
            throws IOException, InterruptedException {
        String json = "{\"url\":" + Json.quote(receiver.url(tenant)) + ",\"description\":"
                + Json.quote("benchmark run " + run) + ",\"events\":[" + Json.quote(event) + "],\"enabled\":true}";
        HttpResponse<String> response = portal.postJson(PATH, DataContract.apiAuthorization(tenant), json, TIMEOUT);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("tenant " + tenant + ": creating the endpoint answered "
                    + Json.failure(response.statusCode(), response.body()));
        }
        JsonNode endpoint = Json.read(response.body());
        receiver.secret(tenant, endpoint.path("secret").asText());
        return endpoint.path("id").asLong();
    }

    /** Disables every enabled endpoint of the tenant; how many. */
    static int disableAll(Portal portal, int tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = portal.getJson(PATH, DataContract.apiAuthorization(tenant), TIMEOUT);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("tenant " + tenant + ": listing endpoints answered "
                    + Json.failure(response.statusCode(), response.body()));
        }
        int disabled = 0;
        for (JsonNode endpoint : Json.read(response.body()).path("items")) {
            if (endpoint.path("enabled").asBoolean()) {
                disable(portal, tenant, endpoint.path("id").asLong());
                disabled++;
            }
        }
        return disabled;
    }

    static void disable(Portal portal, int tenant, long id) throws IOException, InterruptedException {
        HttpResponse<String> response = portal.patchJson(PATH + "/" + id, DataContract.apiAuthorization(tenant),
                "{\"enabled\":false}", TIMEOUT);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("tenant " + tenant + ": disabling endpoint " + id + " answered "
                    + Json.failure(response.statusCode(), response.body()));
        }
    }
}
