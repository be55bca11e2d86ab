package cn.np700.portal.webhooks;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The call record webhook tests' pushes through the carrier API, and the outbox messages an endpoint has. */
final class CallRecordPushes {

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final String carrier;

    CallRecordPushes(MockMvc mvc, JdbcClient jdbc, String carrier) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.carrier = carrier;
    }

    /** One batch, every record accepted, {@code unmatched} of them stored unmatched. */
    void push(List<String> records, int unmatched) throws Exception {
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + String.join(",", records) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(records.size()))
                .andExpect(jsonPath("$.unmatched").value(unmatched));
    }

    long messagesOf(WebhookApi.Made endpoint) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_message WHERE endpoint_id = ?").param(endpoint.id())
                .query(Long.class).single();
    }
}
