package cn.np700.portal.verification.verifiers;

import cn.np700.portal.verification.VerificationOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a carrier's real-name verification service over HTTP.
 *
 * <h2>JSON contract</h2>
 * Request: {@code POST <url>} with {@code Authorization: Bearer <credential>} and
 * {@code Content-Type: application/json}:
 * <pre>{"requestId": "r-42", "mobile": "13800138000", "name": "张三", "idNumber": "11010519491231002X"}</pre>
 * {@code name} and {@code idNumber} are left out for a two-element check (number only).
 * <p>
 * Reply: HTTP 200 with
 * <pre>{"requestId": "r-42", "result": "MATCH" | "MISMATCH" | "UNREGISTERED"}</pre>
 * mapped to VERIFIED, MISMATCH and UNREGISTERED. A {@code requestId} in the reply must be the one asked.
 * <p>
 * Everything else is ERROR, with a detail that never carries personal data:
 * <ul>
 * <li>no reply within the timeout (default 2 s per attempt): {@code timeout};</li>
 * <li>connection refused: {@code unreachable}; any other I/O failure: {@code io error};</li>
 * <li>5xx: {@code server error 503} (the status);</li>
 * <li>4xx: {@code rejected 401} (the status); other statuses: {@code unexpected status 302};</li>
 * <li>a 200 whose body is not that JSON, or has another result or request id: {@code malformed reply};</li>
 * <li>after {@code failureThreshold} consecutive ERRORs, for {@code openFor}: {@code circuit open}, without a call.</li>
 * </ul>
 * Timeouts, I/O failures and 5xx are retried up to {@code maxRetries} times with exponential backoff; a 4xx or a
 * well-formed answer never is, since asking again would give the same answer.
 */
final class HttpRealNameVerifier implements RealNameVerifier {

    private static final Map<String, VerificationOutcome> RESULTS = Map.of(
            "MATCH", VerificationOutcome.VERIFIED,
            "MISMATCH", VerificationOutcome.MISMATCH,
            "UNREGISTERED", VerificationOutcome.UNREGISTERED);

    private final HttpVerifierSettings settings;
    private final CircuitBreaker breaker;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    HttpRealNameVerifier(HttpVerifierSettings settings, Clock clock) {
        Objects.requireNonNull(settings.url(), "portal.verification.http.url is not set");
        this.settings = settings;
        this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openFor(), clock);
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public VerifierAnswer verify(VerifierQuestion question) {
        if (!breaker.tryAcquire()) {
            return VerifierAnswer.error("circuit open");
        }
        VerifierAnswer answer = askWithRetries(question);
        if (answer.outcome() == VerificationOutcome.ERROR) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        return answer;
    }

    private VerifierAnswer askWithRetries(VerifierQuestion question) {
        HttpRequest request = request(question);
        Duration backoff = settings.initialBackoff();
        for (int attempt = 0;; attempt++) {
            Attempt result = attempt(request, question.requestId());
            if (!result.retryable() || attempt >= settings.maxRetries()) {
                return result.answer();
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result.answer();
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private HttpRequest request(VerifierQuestion question) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("requestId", question.requestId());
        body.put("mobile", question.mobile());
        if (question.name() != null) {
            body.put("name", question.name());
        }
        if (question.idNumber() != null) {
            body.put("idNumber", question.idNumber());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (settings.credential() != null && !settings.credential().isBlank()) {
            request.header("Authorization", "Bearer " + settings.credential());
        }
        return request.build();
    }

    private Attempt attempt(HttpRequest request, String requestId) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Attempt.retryable("timeout");
        } catch (ConnectException e) {
            return Attempt.retryable("unreachable");
        } catch (IOException e) {
            return Attempt.retryable("io error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.finalError("interrupted");
        }
        int status = response.statusCode();
        if (status >= 500) {
            return Attempt.retryable("server error " + status);
        }
        if (status >= 400) {
            return Attempt.finalError("rejected " + status);
        }
        if (status != 200) {
            return Attempt.finalError("unexpected status " + status);
        }
        return new Attempt(answer(response.body(), requestId), false);
    }

    private VerifierAnswer answer(String body, String requestId) {
        JsonNode reply;
        try {
            reply = json.readTree(body);
        } catch (JacksonException e) {
            return VerifierAnswer.error("malformed reply");
        }
        if (reply == null || !reply.isObject()) {
            return VerifierAnswer.error("malformed reply");
        }
        JsonNode result = reply.get("result");
        JsonNode echoedId = reply.get("requestId");
        VerificationOutcome outcome = result != null && result.isString() ? RESULTS.get(result.stringValue()) : null;
        // An answer for another request (a mixed-up proxy or cache) must not be taken as this number's.
        boolean sameRequest = echoedId == null || echoedId.isNull()
                || (echoedId.isString() && echoedId.stringValue().equals(requestId));
        return outcome != null && sameRequest ? VerifierAnswer.of(outcome) : VerifierAnswer.error("malformed reply");
    }

    private record Attempt(VerifierAnswer answer, boolean retryable) {

        static Attempt retryable(String detail) {
            return new Attempt(VerifierAnswer.error(detail), true);
        }

        static Attempt finalError(String detail) {
            return new Attempt(VerifierAnswer.error(detail), false);
        }
    }
}
