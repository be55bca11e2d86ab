package cn.np700.portal.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a running portal's health endpoints as a load balancer would, timing each call and keeping the slowest. The
 * client waits far longer than the 2 s budget, so a slow answer is measured and reported rather than cut off.
 */
final class HealthCalls {

    record Answer(String path, int status, String body, long millis) {

        boolean up() {
            return status == 200 && body.contains("\"UP\"");
        }

        boolean down() {
            return status == 503 && body.contains("\"DOWN\"");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private volatile Answer slowest;

    HealthCalls(int port) {
        this.port = port;
    }

    Answer readiness() {
        return get("/actuator/health/readiness");
    }

    Answer liveness() {
        return get("/actuator/health/liveness");
    }

    Answer health() {
        return get("/actuator/health");
    }

    /** The slowest call so far (path and milliseconds). */
    Answer slowest() {
        return slowest;
    }

    private Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(path, response.statusCode(), response.body(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            synchronized (this) {
                if (slowest == null || answer.millis() > slowest.millis()) {
                    slowest = answer;
                }
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
