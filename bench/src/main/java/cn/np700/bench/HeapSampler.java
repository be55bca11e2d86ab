package cn.np700.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls the portal's {@code /actuator/prometheus} every 200 ms and keeps the peak of the heap in use (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the heap's pools).
 */
public final class HeapSampler implements AutoCloseable {

    private final Portal session;
    private final AtomicLong peak = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();
    private volatile String problem;
    private volatile boolean running = true;
    private final Thread thread;

    public HeapSampler(Portal session) {
        this.session = session;
        this.thread = new Thread(this::loop, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                HttpResponse<String> metrics = session.get("/actuator/prometheus", Duration.ofSeconds(5), "text/plain");
                if (metrics.statusCode() == 200) {
                    long used = sum(metrics.body(), "jvm_memory_used_bytes");
                    if (used >= 0) {
                        peak.accumulateAndGet(used, Math::max);
                        samples.incrementAndGet();
                    }
                } else {
                    problem = "GET /actuator/prometheus answered " + metrics.statusCode();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                problem = "GET /actuator/prometheus failed: " + e;
            }
        }
    }

    /** The sum of a metric's heap series in Prometheus text format; -1 when there is none. */
    public static long sum(String text, String metric) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("area=\"heap\"")) {
                String value = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0];
                double v = Double.parseDouble(value);
                if (v >= 0) {
                    total += v;
                    found = true;
                }
            }
        }
        return found ? Math.round(total) : -1;
    }

    /** Bytes; -1 when no sample succeeded. */
    public long peak() {
        return peak.get();
    }

    public long samples() {
        return samples.get();
    }

    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
