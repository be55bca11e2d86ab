package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local webhook receiver on loopback (a free port): one path per tenant, {@code /hooks/<tenant>}, answering 204 to
 * every message. Per message it records the arrival and the {@code webhook-id} (distinct messages and duplicates);
 * per call record in it ({@code data.recordId} of a {@code call.record.stored}, each of {@code data.records} of a
 * {@code call.records.stored}) the record id (distinct records and duplicates, as a receiver deduplicates) and, at
 * the record's first arrival, the lag from the event's {@code timestamp} in the payload (set by the portal in the
 * transaction that stored the record, so just before its commit) to the arrival; it checks the Standard Webhooks
 * signature of every {@link #SIGNATURE_SAMPLE}th message with the tenant's secret.
 */
final class WebhookReceiver implements AutoCloseable {

    static final int SIGNATURE_SAMPLE = 10;
    static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Integer, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ids = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> records = new ConcurrentHashMap<>();
    private final LongAdder recordArrivals = new LongAdder();
    private final LatencyRecorder lag = new LatencyRecorder();
    private final LongAdder arrivals = new LongAdder();
    private final LongAdder checked = new LongAdder();
    private final LongAdder badSignatures = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong lastArrivalMillis = new AtomicLong();

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, Portal.daemon("webhook-receiver"));
        WebhookReceiver receiver = new WebhookReceiver(server, executor);
        server.createContext("/hooks/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    String url(int tenant) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + tenant;
    }

    /** The secret ({@code whsec_...}) the tenant's endpoint signs with. */
    void secret(int tenant, String secret) {
        secrets.put(tenant, secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Instant arrival = Instant.now();
            lastArrivalMillis.accumulateAndGet(arrival.toEpochMilli(), Math::max);
            arrivals.increment();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String payload = new String(body, StandardCharsets.UTF_8);
            if (id != null) {
                ids.putIfAbsent(id, Boolean.TRUE);
            }
            JsonNode event = Json.read(payload);
            Instant at = eventTime(event);
            List<Long> recordIds = recordIds(event);
            if (at == null || recordIds.isEmpty()) {
                malformed.increment();
            } else {
                recordArrivals.add(recordIds.size());
                long nanos = Math.max(1, Duration.between(at, arrival).toNanos());
                for (long recordId : recordIds) {
                    if (records.putIfAbsent(recordId, Boolean.TRUE) == null) {
                        lag.success(nanos);
                    }
                }
            }
            if (sequence.getAndIncrement() % SIGNATURE_SAMPLE == 0) {
                checked.increment();
                String secret = secrets.get(tenant(exchange.getRequestURI().getPath()));
                if (secret == null || !verifies(secret, id, timestamp, payload, signature)) {
                    badSignatures.increment();
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    static int tenant(String path) {
        try {
            return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The payload's {@code timestamp}, or null when it has none. */
    static Instant eventTime(JsonNode event) {
        try {
            JsonNode node = event.path("timestamp");
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The call records' ids in the payload: one of a {@code call.record.stored}, each of a batch's; else none. */
    static List<Long> recordIds(JsonNode event) {
        JsonNode data = event.path("data");
        JsonNode batch = data.path("records");
        List<Long> ids = new ArrayList<>(Math.max(1, batch.size()));
        if (batch.isArray()) {
            batch.forEach(r -> {
                if (r.path("recordId").canConvertToLong()) {
                    ids.add(r.path("recordId").asLong());
                }
            });
        } else if (data.path("recordId").canConvertToLong()) {
            ids.add(data.path("recordId").asLong());
        }
        return ids;
    }

    /**
     * Standard Webhooks: one of the space-separated {@code v1,<base64>} signatures is the HMAC-SHA256 of
     * {@code id.timestamp.body} keyed with the base64-decoded part of the secret after {@code whsec_}.
     */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatures) {
        if (id == null || timestamp == null || signatures == null || !secret.startsWith("whsec_")) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
        for (String signature : signatures.trim().split(" +")) {
            if (signature.startsWith("v1,")) {
                try {
                    if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // not base64: not a match
                }
            }
        }
        return false;
    }

    /** Messages received, repeats included. */
    long arrivals() {
        return arrivals.sum();
    }

    /** Distinct messages (webhook-id). */
    long distinct() {
        return ids.size();
    }

    /** Messages received again with a webhook-id seen before. */
    long duplicates() {
        return arrivals() - distinct();
    }

    /** Distinct call records (record id) in the messages. */
    long records() {
        return records.size();
    }

    /** Call records received again (in a repeated message, or in both of two messages). */
    long recordDuplicates() {
        return recordArrivals.sum() - records();
    }

    long checked() {
        return checked.sum();
    }

    long badSignatures() {
        return badSignatures.sum();
    }

    /** Messages whose payload had no readable timestamp or record id (no lag recorded for them). */
    long malformed() {
        return malformed.sum();
    }

    long lastArrivalMillis() {
        return lastArrivalMillis.get();
    }

    /** Lag from the event's timestamp to the first arrival of each call record. */
    LatencyRecorder lag() {
        return lag;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
