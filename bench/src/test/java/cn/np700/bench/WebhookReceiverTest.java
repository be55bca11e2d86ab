package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    // the Standard Webhooks specification's own example
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TIMESTAMP = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void verifiesTheSpecificationsExample() {
        assertTrue(WebhookReceiver.verifies(SECRET, ID, TIMESTAMP, BODY, SIGNATURE));
        assertTrue(WebhookReceiver.verifies(SECRET, ID, TIMESTAMP, BODY, "v1,bm90LWl0 " + SIGNATURE));
        assertFalse(WebhookReceiver.verifies(SECRET, ID, TIMESTAMP, BODY + " ", SIGNATURE));
        assertFalse(WebhookReceiver.verifies(SECRET, ID, "1614265331", BODY, SIGNATURE));
        assertFalse(WebhookReceiver.verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), ID,
                TIMESTAMP, BODY, SIGNATURE));
        assertFalse(WebhookReceiver.verifies(SECRET, null, TIMESTAMP, BODY, SIGNATURE));
    }

    @Test
    void readsTheEventTimeFromThePayload() {
        assertEquals(Instant.parse("2026-12-06T02:00:00.123456Z"), WebhookReceiver.eventTime(Json.read(
                "{\"type\":\"call.record.stored\",\"timestamp\":\"2026-12-06T02:00:00.123456Z\",\"data\":{}}")));
        assertNull(WebhookReceiver.eventTime(Json.read("{\"type\":\"x\"}")));
        assertNull(WebhookReceiver.eventTime(Json.read("not json")));
    }

    @Test
    void readsTheRecordIdsOfOneRecordOrOfABatch() {
        assertEquals(List.of(7L), WebhookReceiver.recordIds(Json.read(
                "{\"type\":\"call.record.stored\",\"data\":{\"recordId\":7,\"callId\":\"c\"}}")));
        assertEquals(List.of(7L, 9L), WebhookReceiver.recordIds(Json.read(
                "{\"type\":\"call.records.stored\",\"data\":{\"records\":[{\"recordId\":7},{\"recordId\":9}]}}")));
        assertEquals(List.of(), WebhookReceiver.recordIds(Json.read("{\"type\":\"webhook.test\",\"data\":{}}")));
    }

    @Test
    void countsDistinctMessagesAndRecordsDuplicatesAndBadSignatures() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.secret(3, SECRET);
            String at = Instant.now().minusSeconds(2).toString();
            // the 1st and 11th arrivals are checked (one in ten): the first is signed right, the 11th wrongly
            for (int i = 0; i < 11; i++) {
                String id = "msg_" + (i == 10 ? 0 : i);
                String body = "{\"type\":\"call.record.stored\",\"timestamp\":\"" + at + "\",\"data\":{\"recordId\":"
                        + (i == 10 ? 0 : i) + "}}";
                String signature = i == 10 ? "v1,AAAA" : sign(SECRET, id, TIMESTAMP, body);
                assertEquals(204, send(client, receiver, id, signature, body));
            }
            // a batch repeating records 8 and 9 and bringing 10 and 11
            String batch = "{\"type\":\"call.records.stored\",\"timestamp\":\"" + at + "\",\"data\":{\"records\":["
                    + "{\"recordId\":8},{\"recordId\":9},{\"recordId\":10},{\"recordId\":11}]}}";
            assertEquals(204, send(client, receiver, "msg_batch", sign(SECRET, "msg_batch", TIMESTAMP, batch), batch));
            assertEquals(12, receiver.arrivals());
            assertEquals(11, receiver.distinct());
            assertEquals(1, receiver.duplicates());
            assertEquals(12, receiver.records());
            assertEquals(3, receiver.recordDuplicates());
            assertEquals(2, receiver.checked());
            assertEquals(1, receiver.badSignatures());
            assertEquals(0, receiver.malformed());
            assertEquals(12, receiver.lag().successes(), "one lag per distinct record");
            assertTrue(receiver.lag().latencies().p50() >= 2000, "lag from the payload's timestamp");
        }
    }

    private static int send(HttpClient client, WebhookReceiver receiver, String id, String signature, String body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(receiver.url(3))).header("webhook-id", id)
                .header("webhook-timestamp", TIMESTAMP).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
