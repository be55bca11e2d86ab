package cn.np700.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Probes {@code /actuator/health/readiness}, {@code /actuator/health/liveness} and {@code /actuator/health} every
 * 200 ms, each on a thread of its own (a hanging probe delays only its own group), and keeps every answer.
 */
public final class HealthWatch implements AutoCloseable {

    /** The groups probed: "health" is the whole of {@code /actuator/health}. */
    public static final List<String> GROUPS = List.of("readiness", "liveness", "health");
    static final long INTERVAL_MS = 200;
    static final int TIMEOUT_MS = 10_000;

    private final String base;
    private final long t0;
    private final List<HealthSample> samples = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public HealthWatch(String base, long t0) {
        this.base = base;
        this.t0 = t0;
    }

    public void start() {
        for (String group : GROUPS) {
            Thread thread = new Thread(() -> poll(group), "health-" + group);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void poll(String group) {
        long next = System.nanoTime();
        while (running) {
            double start = FaultRun.millisSince(t0);
            int status = probe(group);
            samples.add(new HealthSample(group, start, FaultRun.millisSince(t0), status));
            next = Math.max(next + INTERVAL_MS * 1_000_000, System.nanoTime());
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private int probe(String group) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(base + path(group)).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(TIMEOUT_MS);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            return 0;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static String path(String group) {
        return group.equals("health") ? "/actuator/health" : "/actuator/health/" + group;
    }

    /** The last answer of a group, or -1 before the first. */
    public int last(String group) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).group().equals(group)) {
                return samples.get(i).status();
            }
        }
        return -1;
    }

    public List<HealthSample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TIMEOUT_MS + 5000);
        }
    }
}
