package cn.np700.portal.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on loopback: records each request and answers as told (200 unless queued otherwise). */
final class TestReceiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body) {
    }

    /** A queued answer: a status, or no answer until released (a timeout for the sender). */
    record Answer(int code, boolean hangs) {

        static Answer status(int code) {
            return new Answer(code, false);
        }

        static Answer hang() {
            return new Answer(200, true);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Runnable beforeAnswering = () -> { };

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            beforeAnswering.run();
            Answer answer = answers.poll();
            if (answer != null && answer.hangs()) {
                try {
                    // held past the portal's response timeout (1 s in tests), then answered to nobody
                    released.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            int status = answer == null ? 200 : answer.code();
            byte[] out = ("{\"ok\":" + (status < 300) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void answer(Answer... queued) {
        answers.addAll(List.of(queued));
    }

    /** Runs {@code step} on each request before it is answered (the sender waits for it, within its timeout). */
    void beforeAnswering(Runnable step) {
        beforeAnswering = step;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> ofType(String type) {
        return received.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
