package cn.np700.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's CSV export of the call records of a time range holding about 1,000,000 rows at full scale (the last
 * 3 of the seeded 30 days), streamed and counted line by line while the portal's heap is sampled.
 */
public final class ExportRun {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Rows, time to the first byte, total seconds, HTTP status, bytes. */
    public record Outcome(long rows, double firstByteSeconds, double seconds, int status, long bytes, String path) {

        public double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    private ExportRun() {
    }

    /** The last {@code days} up to now, as the filter's instants (ISO-8601 with Z, which the filter accepts). */
    public static String path(Instant now, double days) {
        Range range = Range.last(now, days);
        return "/operator/calls/export?from=" + URLEncoder.encode(range.from().toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(range.to().toString(), StandardCharsets.UTF_8);
    }

    /** The exported time range: the last {@code days} up to {@code now}, to the second. */
    public record Range(Instant from, Instant to) {

        public static Range last(Instant now, double days) {
            Instant to = now.truncatedTo(ChronoUnit.SECONDS);
            return new Range(to.minusSeconds(Math.round(days * 86400)), to);
        }
    }

    /** Lines in a stream (a last line without a newline counts). */
    static long[] countLines(InputStream in, Runnable onFirstByte) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        long bytes = 0;
        byte last = '\n';
        int n;
        boolean first = true;
        while ((n = in.read(buffer)) > 0) {
            if (first) {
                onFirstByte.run();
                first = false;
            }
            bytes += n;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            last = buffer[n - 1];
        }
        if (last != '\n') {
            lines++;
        }
        return new long[] {lines, bytes};
    }

    public static Outcome run(Portal operatorSession, String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long[] firstByte = {0};
        HttpResponse<InputStream> response = operatorSession.getStream(path, TIMEOUT);
        AtomicBoolean done = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TIMEOUT.toMillis());
                if (!done.get()) {
                    response.body().close();
                }
            } catch (InterruptedException | IOException e) {
                // finished first
            }
        }, "export-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (InputStream body = response.body()) {
            long[] counted = countLines(body, () -> firstByte[0] = System.nanoTime());
            long end = System.nanoTime();
            if (response.statusCode() != 200) {
                return new Outcome(0, 0, (end - start) / 1e9, response.statusCode(), counted[1], path);
            }
            long rows = Math.max(0, counted[0] - 1);
            return new Outcome(rows, firstByte[0] == 0 ? 0 : (firstByte[0] - start) / 1e9, (end - start) / 1e9, 200,
                    counted[1], path);
        } finally {
            done.set(true);
            watchdog.interrupt();
        }
    }
}
