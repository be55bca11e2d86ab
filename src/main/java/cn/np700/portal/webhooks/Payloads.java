package cn.np700.portal.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The body receivers get, in the Standard Webhooks shape: {@code {"type", "timestamp", "data"}}. */
final class Payloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    static String of(WebhookEventType type, Instant at, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wire());
        body.put("timestamp", at.toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }
}
