package cn.np700.portal.database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP to the fault tests' portal, timing each answer as its client sees it. */
final class FaultHttp {

    record Answer(int status, String body, String retryAfter, String contentType, long millis) {

        boolean is(int expected, String code) {
            return status == expected && (code == null || body.contains("\"code\":\"" + code + "\""));
        }

        @Override
        public String toString() {
            return status + " in " + millis + " ms (Retry-After " + retryAfter + "): " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    FaultHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer post(String path, String bearer, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    static String route(long x, String caller) {
        return "{\"callId\":\"f-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                + "\",\"type\":\"VOICE\"}";
    }

    private Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
