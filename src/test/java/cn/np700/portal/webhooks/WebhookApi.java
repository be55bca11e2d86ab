package cn.np700.portal.webhooks;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The webhook tests' calls to the tenant API and their wait for deliveries. */
final class WebhookApi {

    /** An endpoint made through the API, with the secret its creation showed. */
    record Made(long id, String secret) {
    }

    private final MockMvc mvc;
    private final DeliveryWorker worker;

    WebhookApi(MockMvc mvc, DeliveryWorker worker) {
        this.mvc = mvc;
        this.worker = worker;
    }

    Made endpoint(TestBindings.Ready tenant, String url, String... events) throws Exception {
        String body = mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(endpointJson(url, events)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return new Made(((Number) JsonPath.read(body, "$.id")).longValue(), JsonPath.read(body, "$.secret"));
    }

    /** Queues a test message through the API; its msg id (the webhook-id it is sent with). */
    String testSend(TestBindings.Ready tenant, Made endpoint) throws Exception {
        String body = mvc.perform(post("/api/v1/webhook-endpoints/" + endpoint.id() + "/test")
                        .header("Authorization", "Bearer " + tenant.key()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.msgId");
    }

    static String endpointJson(String url, String... events) {
        StringBuilder json = new StringBuilder("{\"url\":\"" + url + "\",\"description\":\"test receiver\",\"events\":[");
        for (int i = 0; i < events.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(events[i]).append('"');
        }
        return json.append("]}").toString();
    }

    /** Runs the worker (which the test profile leaves to the tests) until the condition holds. */
    void deliverUntil(BooleanSupplier done) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.deliverDue();
            return done.getAsBoolean();
        });
    }

    static String[] allTypes() {
        return WebhookEventType.subscribable().stream().map(WebhookEventType::wire).toArray(String[]::new);
    }
}
