package cn.np700.portal.verification.verifiers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.MutableClock;
import cn.np700.portal.verification.VerificationOutcome;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP adapter against a real local server: the JSON contract, error mapping, retries and the circuit breaker. */
class HttpRealNameVerifierTests {

    private static final Reply HANG = new Reply(0, null);

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final CountDownLatch releaseHangingReplies = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final MutableClock clock = new MutableClock();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/verify", this::handle);
        // Own threads, so a hanging reply does not hold up the retry that follows it.
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseHangingReplies.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"MATCH, VERIFIED", "MISMATCH, MISMATCH", "UNREGISTERED, UNREGISTERED"})
    void mapsEachResultOfTheContract(String result, VerificationOutcome outcome) {
        replyAlways(200, "{\"requestId\":\"r-1\",\"result\":\"" + result + "\"}");

        assertThat(verifier(2, 5).verify(threeElements())).isEqualTo(VerifierAnswer.of(outcome));
        assertThat(received).hasSize(1);
    }

    @Test
    void sendsTheBearerCredentialAndAllThreeElements() {
        replyAlways(200, "{\"requestId\":\"r-1\",\"result\":\"MATCH\"}");

        verifier(2, 5).verify(threeElements());

        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.authorization()).isEqualTo("Bearer s3cret");
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body()).containsExactlyInAnyOrderEntriesOf(Map.of("requestId", "r-1",
                "mobile", "13800138000", "name", "张三", "idNumber", "11010519491231002X"));
    }

    @Test
    void leavesOutNameAndIdNumberForATwoElementCheck() {
        replyAlways(200, "{\"requestId\":\"r-2\",\"result\":\"UNREGISTERED\"}");

        VerifierAnswer answer = verifier(2, 5).verify(new VerifierQuestion("r-2", "13800138000", null, null));

        assertThat(answer).isEqualTo(VerifierAnswer.of(VerificationOutcome.UNREGISTERED));
        assertThat(received.get(0).body()).containsExactlyInAnyOrderEntriesOf(
                Map.of("requestId", "r-2", "mobile", "13800138000"));
    }

    @Test
    void aReplySlowerThanTheTimeoutIsAnErrorAfterItsRetry() {
        script(HANG);

        assertThat(verifier(1, 5).verify(threeElements())).isEqualTo(VerifierAnswer.error("timeout"));
        assertThat(received).hasSize(2);
    }

    @Test
    void retriesA5xxUntilTheServiceAnswers() {
        script(new Reply(503, "busy"), new Reply(503, "busy"),
                new Reply(200, "{\"requestId\":\"r-1\",\"result\":\"MATCH\"}"));

        assertThat(verifier(2, 5).verify(threeElements())).isEqualTo(VerifierAnswer.of(VerificationOutcome.VERIFIED));
        assertThat(received).hasSize(3);
    }

    @Test
    void givesUpOnA5xxAfterTheLastRetry() {
        replyAlways(503, "busy");

        assertThat(verifier(2, 5).verify(threeElements())).isEqualTo(VerifierAnswer.error("server error 503"));
        assertThat(received).hasSize(3);
    }

    @Test
    void neverRetriesA4xx() {
        replyAlways(400, "{\"error\":\"bad mobile\"}");

        assertThat(verifier(2, 5).verify(threeElements())).isEqualTo(VerifierAnswer.error("rejected 400"));
        assertThat(received).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all",
            "{\"requestId\":\"r-1\",\"result\":\"MAYBE\"}",
            "{\"requestId\":\"r-1\"}",
            "{\"requestId\":\"r-1\",\"result\":null}",
            "{\"requestId\":\"someone-else\",\"result\":\"MATCH\"}",
            "[\"MATCH\"]"})
    void aMalformedReplyIsAnErrorAndNotRetried(String body) {
        replyAlways(200, body);

        assertThat(verifier(2, 5).verify(threeElements())).isEqualTo(VerifierAnswer.error("malformed reply"));
        assertThat(received).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        HttpRealNameVerifier verifier = new HttpRealNameVerifier(new HttpVerifierSettings(
                URI.create("http://127.0.0.1:" + port + "/verify"), "s3cret", Duration.ofMillis(200), 1,
                Duration.ofMillis(5), 5, null), clock);

        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("unreachable"));
    }

    @Test
    void theCircuitOpensAfterTheThresholdAndATrialCallClosesIt() {
        replyAlways(503, "down");
        HttpRealNameVerifier verifier = verifier(0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("server error 503"));
        }

        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("circuit open"));
        assertThat(received).hasSize(3);

        clock.advance(Duration.ofSeconds(29));
        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("circuit open"));
        assertThat(received).hasSize(3);

        replyAlways(200, "{\"requestId\":\"r-1\",\"result\":\"MATCH\"}");
        clock.advance(Duration.ofSeconds(2));
        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.of(VerificationOutcome.VERIFIED));
        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.of(VerificationOutcome.VERIFIED));
        assertThat(received).hasSize(5);
    }

    @Test
    void aFailedTrialCallOpensTheCircuitAgainAtOnce() {
        replyAlways(503, "down");
        HttpRealNameVerifier verifier = verifier(0, 2);
        verifier.verify(threeElements());
        verifier.verify(threeElements());

        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("server error 503"));
        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("circuit open"));
        assertThat(received).hasSize(3);
    }

    @Test
    void onlyConsecutiveFailuresCount() {
        script(new Reply(503, "down"), new Reply(200, "{\"requestId\":\"r-1\",\"result\":\"MISMATCH\"}"),
                new Reply(503, "down"));
        HttpRealNameVerifier verifier = verifier(0, 2);
        verifier.verify(threeElements());
        verifier.verify(threeElements());
        verifier.verify(threeElements());

        assertThat(verifier.verify(threeElements())).isEqualTo(VerifierAnswer.error("server error 503"));
        assertThat(received).hasSize(4);
    }

    @Test
    void settingsFallBackToTheirDefaultsAndHideTheCredential() {
        HttpVerifierSettings settings = new HttpVerifierSettings(URI.create("http://carrier.example/verify"), "s3cret",
                null, null, Duration.ZERO, 0, null);

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.maxRetries()).isEqualTo(2);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.failureThreshold()).isEqualTo(5);
        assertThat(settings.openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    private HttpRealNameVerifier verifier(int maxRetries, int failureThreshold) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/verify");
        return new HttpRealNameVerifier(new HttpVerifierSettings(url, "s3cret", Duration.ofMillis(200), maxRetries,
                Duration.ofMillis(5), failureThreshold, Duration.ofSeconds(30)), clock);
    }

    private static VerifierQuestion threeElements() {
        return new VerifierQuestion("r-1", "13800138000", "张三", "11010519491231002X");
    }

    private void replyAlways(int status, String body) {
        script(new Reply(status, body));
    }

    private synchronized void script(Reply... inOrder) {
        replies.clear();
        replies.addAll(List.of(inOrder));
    }

    /** The next scripted reply; the last one repeats. */
    private synchronized Reply nextReply() {
        return replies.size() > 1 ? replies.poll() : replies.peek();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    json.readerForMapOf(String.class).readValue(body)));
            Reply reply = nextReply();
            if (reply == HANG) {
                releaseHangingReplies.await(5, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private record Reply(int status, String body) {
    }

    private record Received(String method, String authorization, String contentType, Map<String, String> body) {
    }
}
