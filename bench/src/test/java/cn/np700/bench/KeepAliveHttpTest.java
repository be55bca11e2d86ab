package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link KeepAliveHttp} against a tiny scripted HTTP/1.1 server on a {@link ServerSocket}. */
class KeepAliveHttpTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Server server;
    private KeepAliveHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new Server();
        http = new KeepAliveHttp("127.0.0.1", server.port(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
    }

    @Test
    void sendsTheRequestAndReadsAFixedLengthBody() throws Exception {
        String json = "{\"name\":\"Zoë €\"}";
        KeepAliveHttp.Response r = http.postJson("/fixed", "Bearer abc", json, TIMEOUT);
        assertEquals(200, r.status());
        assertEquals("echo " + json, r.body());
        assertEquals("application/json", r.header("CONTENT-TYPE"));

        Request request = server.requests.get(0);
        assertEquals("POST /fixed HTTP/1.1", request.line());
        assertEquals("127.0.0.1:" + server.port(), request.headers().get("host"));
        assertEquals("application/json", request.headers().get("content-type"));
        assertEquals("Bearer abc", request.headers().get("authorization"));
        assertEquals("keep-alive", request.headers().get("connection"));
        assertEquals(Integer.toString(json.getBytes(StandardCharsets.UTF_8).length),
                request.headers().get("content-length"));
        assertEquals(json, request.body());

        // the second request on the same connection
        assertEquals("echo {}", http.postJson("/fixed", null, "{}", TIMEOUT).body());
        assertEquals(1, server.accepted.get());
        assertEquals(1, http.connectionsOpened());
        assertEquals(null, server.requests.get(1).headers().get("authorization"));
    }

    @Test
    void decodesChunkedBodiesAndKeepsTheConnection() throws Exception {
        KeepAliveHttp.Response r = http.postJson("/chunked", "Bearer x", "{\"n\":1}", TIMEOUT);
        assertEquals(201, r.status());
        assertEquals("{\"part\":\"one\",\"ü\":\"" + "x".repeat(300) + "\"}", r.body());
        // the trailer and the final CRLF were consumed: the next response on the connection parses
        KeepAliveHttp.Response next = http.postJson("/fixed", "Bearer x", "{\"n\":2}", TIMEOUT);
        assertEquals("echo {\"n\":2}", next.body());
        assertEquals(1, server.accepted.get());
    }

    @Test
    void reconnectsAfterConnectionClose() throws Exception {
        assertEquals("closing", http.postJson("/close", null, "{}", TIMEOUT).body());
        assertEquals("echo {\"a\":1}", http.postJson("/fixed", null, "{\"a\":1}", TIMEOUT).body());
        assertEquals("echo {\"a\":2}", http.postJson("/fixed", null, "{\"a\":2}", TIMEOUT).body());
        assertEquals(2, server.accepted.get());
        assertEquals(2, http.connectionsOpened());
        assertEquals(List.of(1, 2, 2), server.requests.stream().map(Request::connection).toList());
    }

    @Test
    void aReadTimeoutIsAFailureAndTheNextRequestReconnects() throws Exception {
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> http.postJson("/slow", null, "{}", Duration.ofMillis(200)));
        assertEquals("timeout", Workload.failureName(e));
        // counted by name by the loops
        LoadResult r = ClosedLoop.run("t", 1, 0, 30, 2, seq -> {
            http.postJson("/slow", null, "{}", Duration.ofMillis(100));
            return Workload.Result.ok();
        });
        assertEquals(2L, r.recorder().failures().get("timeout"));
        assertEquals(0, r.recorder().successes());
        // the late answer on the old connection is not taken for the next one: a new connection
        int before = server.accepted.get();
        assertEquals("echo {\"after\":true}", http.postJson("/fixed", null, "{\"after\":true}", TIMEOUT).body());
        assertEquals(before + 1, server.accepted.get());
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsAFailureThenReconnects() throws Exception {
        assertThrows(IOException.class, () -> http.postJson("/drop", null, "{}", TIMEOUT));
        assertEquals("echo {}", http.postJson("/fixed", null, "{}", TIMEOUT).body());
        assertEquals(2, server.accepted.get());
    }

    @Test
    void manySequentialRequestsReuseTheConnectionUntilTheServerLimit() throws Exception {
        // like Tomcat's max-keep-alive-requests: the 100th response on a connection says Connection: close
        for (int i = 0; i < 250; i++) {
            String json = "{\"i\":" + i + "}";
            KeepAliveHttp.Response r = http.postJson(i % 2 == 0 ? "/fixed" : "/chunked-echo", "Bearer k", json,
                    TIMEOUT);
            assertEquals(i % 2 == 0 ? 200 : 201, r.status());
            assertEquals("echo " + json, r.body());
        }
        assertEquals(3, server.accepted.get());
        assertEquals(3, http.connectionsOpened());
        assertEquals(250, server.requests.size());
    }

    @Test
    void eachThreadHasItsOwnConnection() throws Exception {
        Map<String, java.util.Set<String>> connectionsOfThread = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, AtomicInteger> requestsOfThread = new java.util.concurrent.ConcurrentHashMap<>();
        LoadResult r = ClosedLoop.run("t", 4, 0, 30, 300, seq -> {
            KeepAliveHttp.Response response = http.postJson("/fixed", null, "{\"s\":" + seq + "}", TIMEOUT);
            String thread = Thread.currentThread().getName();
            connectionsOfThread.computeIfAbsent(thread, t -> new java.util.TreeSet<>())
                    .add(response.header("x-connection"));
            requestsOfThread.computeIfAbsent(thread, t -> new AtomicInteger()).incrementAndGet();
            return response.body().equals("echo {\"s\":" + seq + "}") ? Workload.Result.ok()
                    : Workload.Result.failed("wrong body");
        });
        assertTrue(r.recorder().successes() >= 300, "successes " + r.recorder().successes());
        assertEquals(0, r.recorder().failureCount());
        java.util.Set<String> all = new java.util.HashSet<>();
        int sum = 0;
        for (Map.Entry<String, java.util.Set<String>> e : connectionsOfThread.entrySet()) {
            int requests = requestsOfThread.get(e.getKey()).get();
            // a connection of its own, renewed every 100 requests
            assertEquals((requests + 99) / 100, e.getValue().size(), e.getKey() + " " + requests + " " + e.getValue());
            sum += e.getValue().size();
            all.addAll(e.getValue());
        }
        assertEquals(sum, all.size(), "no connection shared between threads");
        assertEquals(sum, server.accepted.get());
    }

    @Test
    void workloadsJudgeTheParsedAnswer() throws Exception {
        DataContract data = DataContract.atScale(0.01);
        assertTrue(new BindWorkload(http, data, "t").call(0).isOk()); // 201 from /api/v1/bindings
        Workload.Result ingest = new IngestWorkload(http, data, "t").call(0);
        assertEquals("batch with accepted=499 rejected (TIME_IN_FUTURE)", ingest.outcome());
        assertEquals(499, ingest.units());
        assertEquals(IngestWorkload.BATCH, server.lastBatchSize);
    }

    @Test
    void aGetSendsNoBodyAndA204KeepsTheConnection() throws Exception {
        assertTrue(new FloorWorkload(http).call(0).isOk());
        assertTrue(new FloorWorkload(http).call(1).isOk());
        assertEquals(1, server.accepted.get());
        Request request = server.requests.get(0);
        assertEquals("GET /api/carrier/v1/ping HTTP/1.1", request.line());
        assertEquals(DataContract.CARRIER_AUTHORIZATION, request.headers().get("authorization"));
        assertEquals(null, request.headers().get("content-length"));
        assertEquals(null, request.headers().get("content-type"));
        // anything but 204 is a failure by name
        assertEquals("HTTP 404", FloorWorkload.judge(404, "").outcome());
        assertEquals("HTTP 401 INVALID_CREDENTIAL",
                FloorWorkload.judge(401, "{\"code\":\"INVALID_CREDENTIAL\"}").outcome());
    }

    @Test
    void parsesResponsesStrictly() throws Exception {
        assertEquals("a", new String(KeepAliveHttp.readChunked(stream("1;ext=1\r\na\r\n0\r\nX-T: 1\r\n\r\n"))));
        assertThrows(IOException.class, () -> KeepAliveHttp.readChunked(stream("2\r\nabc\r\n0\r\n\r\n")));
        assertThrows(IOException.class, () -> KeepAliveHttp.readFully(stream("abc"), 4));
        assertEquals("line", KeepAliveHttp.readLine(stream("line\r\nnext")));
        assertEquals(null, KeepAliveHttp.readLine(stream("")));
    }

    private static InputStream stream(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the server ----------------------------------------------------------------------------------------------

    record Request(int connection, String line, Map<String, String> headers, String body) {
    }

    /** Answers by path; closes a connection after its 100th response, as Tomcat does. */
    static final class Server implements AutoCloseable {

        static final int KEEP_ALIVE_MAX = 100;

        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        volatile int lastBatchSize;

        Server() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        sockets.add(s);
                        int id = accepted.incrementAndGet();
                        Thread t = new Thread(() -> serve(s, id), "server-" + id);
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(Socket s, int id) {
            try (s) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                s.setTcpNoDelay(true);
                OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream());
                for (int n = 1; ; n++) {
                    String line = line(in);
                    if (line == null) {
                        return;
                    }
                    Map<String, String> headers = new HashMap<>();
                    for (String h; !(h = line(in)).isEmpty(); ) {
                        int colon = h.indexOf(':');
                        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                    }
                    byte[] bytes = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                    String body = new String(bytes, StandardCharsets.UTF_8);
                    requests.add(new Request(id, line, headers, body));
                    String path = line.split(" ")[1];
                    boolean last = n == KEEP_ALIVE_MAX || path.equals("/close");
                    String close = last ? "Connection: close\r\n" : "";
                    switch (path) {
                        case "/fixed" -> write(out, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                                + "X-Connection: " + id + "\r\n" + close + "content-length: ", "echo " + body);
                        case "/close" -> write(out, "HTTP/1.1 200 OK\r\n" + close + "Content-Length: ", "closing");
                        case "/chunked" -> chunked(out, 201, close, "{\"part\":\"one\",", "\"ü\":\"" + "x".repeat(300), "\"}");
                        case "/chunked-echo" -> chunked(out, 201, close, "echo ", body);
                        case "/slow" -> {
                            Thread.sleep(600);
                            write(out, "HTTP/1.1 200 OK\r\nContent-Length: ", "late");
                        }
                        case "/drop" -> {
                            return;
                        }
                        case "/api/v1/bindings" -> write(out, "HTTP/1.1 201 Created\r\n" + close
                                + "Content-Type: application/json\r\nContent-Length: ", "{\"id\":1}");
                        case "/api/carrier/v1/call-records" -> {
                            lastBatchSize = Json.read(body).path("records").size();
                            chunked(out, 200, close, "{\"accepted\":499,\"unmatched\":0,", "\"duplicates\":0,\"rejected\":1,"
                                    + "\"errors\":[{\"index\":3,\"callId\":\"c\",\"reason\":\"TIME_IN_FUTURE\"}]}");
                        }
                        case "/api/carrier/v1/ping" -> {
                            out.write(("HTTP/1.1 204 No Content\r\n" + close + "\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                        default -> write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: ", "");
                    }
                    if (last) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        private static void write(OutputStream out, String headUpToLength, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((headUpToLength + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }

        /** A chunked answer, a chunk per part, with an extension and a trailer, flushed chunk by chunk. */
        private static void chunked(OutputStream out, int status, String close, String... parts) throws IOException {
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n" + close
                    + "Transfer-Encoding: Chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(bytes.length).toUpperCase(Locale.ROOT) + ";x=y\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            out.write("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b == -1) {
                    return null;
                }
                line.write(b);
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
