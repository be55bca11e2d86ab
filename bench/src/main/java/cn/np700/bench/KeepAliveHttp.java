package cn.np700.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small blocking HTTP/1.1 client for the hot workloads (route, bind, ingest): JSON POSTs over one persistent
 * keep-alive {@link Socket} per calling thread (TCP_NODELAY, buffered streams), so the measurement is the portal's and
 * not that of {@code java.net.http.HttpClient}, whose selector thread and hand-offs cost more than the portal on a
 * small machine.
 *
 * <p>Each thread gets its own connection (a thread local), opened on its first request and again after the server
 * answered {@code Connection: close} (Tomcat does after 100 requests on a connection) or after any failure: an
 * {@link IOException} (a read timeout included, thrown as {@link java.net.SocketTimeoutException}) closes the
 * connection and is thrown to the caller, which counts it as a failure. Requests are not retried. The timeout of a
 * request applies to each read (SO_TIMEOUT), not to the whole exchange. {@link #close()} closes every connection, for
 * after the loops (whose threads have ended).
 */
public final class KeepAliveHttp implements AutoCloseable {

    static final int MAX_LINE = 16 * 1024;
    static final int BUFFER = 16 * 1024;

    /** A response: status, headers (names in lower case; repeated ones joined with ", ") and the body as UTF-8. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Connection> ofThread = ThreadLocal.withInitial(Connection::new);
    private final AtomicLong opened = new AtomicLong();

    public KeepAliveHttp(String host, int port, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    }

    /** A client for {@code http://host:port} (the path of the base, if any, is ignored). */
    public static KeepAliveHttp of(String base) {
        URI uri = URI.create(base);
        return new KeepAliveHttp(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), Portal.CONNECT_TIMEOUT);
    }

    /** How many connections were opened so far (reconnections included). */
    public long connectionsOpened() {
        return opened.get();
    }

    /** {@code POST path} with a JSON body on this thread's connection; authorization may be null. */
    public Response postJson(String path, String authorization, String json, Duration timeout) throws IOException {
        return ofThread.get().exchange("POST", path, authorization, json.getBytes(StandardCharsets.UTF_8),
                Math.toIntExact(Math.max(1, timeout.toMillis())));
    }

    /** {@code GET path} without a body on this thread's connection; authorization may be null. */
    public Response get(String path, String authorization, Duration timeout) throws IOException {
        return ofThread.get().exchange("GET", path, authorization, null,
                Math.toIntExact(Math.max(1, timeout.toMillis())));
    }

    /** Closes every connection; call it only when no thread is using the client any more. */
    @Override
    public void close() {
        for (Connection c : connections) {
            c.disconnect();
        }
    }

    /** One thread's connection. */
    private final class Connection {

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private int soTimeout = -1;

        /** A null body sends neither body nor content headers (a GET). */
        Response exchange(String method, String path, String authorization, byte[] body, int timeoutMillis)
                throws IOException {
            boolean keep = false;
            try {
                if (socket == null) {
                    connect();
                }
                if (timeoutMillis != soTimeout) {
                    socket.setSoTimeout(timeoutMillis);
                    soTimeout = timeoutMillis;
                }
                StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                        .append(" HTTP/1.1\r\n").append("Host: ").append(hostHeader).append("\r\n");
                if (body != null) {
                    head.append("Content-Type: application/json\r\n");
                }
                head.append("Accept: application/json\r\n");
                if (body != null) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                if (authorization != null) {
                    head.append("Authorization: ").append(authorization).append("\r\n");
                }
                head.append("Connection: keep-alive\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                Parsed parsed = read(in);
                keep = parsed.keepAlive;
                return parsed.response;
            } catch (RuntimeException e) {
                throw new ProtocolException("bad response: " + e);
            } finally {
                if (!keep) {
                    disconnect();
                }
            }
        }

        private void connect() throws IOException {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
                in = new BufferedInputStream(s.getInputStream(), BUFFER);
                out = new BufferedOutputStream(s.getOutputStream(), BUFFER);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            socket = s;
            soTimeout = -1;
            connections.add(this);
            opened.incrementAndGet();
        }

        void disconnect() {
            Socket s = socket;
            socket = null;
            in = null;
            out = null;
            connections.remove(this);
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private record Parsed(Response response, boolean keepAlive) {
    }

    /** Reads one response (skipping interim 1xx ones) and says whether the connection may carry the next request. */
    static Parsed read(InputStream in) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new EOFException("connection closed before the response");
            }
            // HTTP/1.1 200 OK
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            String line;
            while (!(line = requireLine(in)).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("bad header: " + line);
                }
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            if (status / 100 == 1) {
                continue;
            }
            String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            boolean keepAlive = statusLine.startsWith("HTTP/1.1") ? !connection.contains("close")
                    : connection.contains("keep-alive");
            String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).trim();
            String length = headers.get("content-length");
            byte[] body;
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (encoding.endsWith("chunked")) {
                body = readChunked(in);
            } else if (!encoding.isEmpty()) {
                throw new ProtocolException("unsupported transfer-encoding: " + encoding);
            } else if (length != null) {
                body = readFully(in, Integer.parseInt(length.trim()));
            } else {
                body = in.readAllBytes(); // delimited by the end of the connection
                keepAlive = false;
            }
            return new Parsed(new Response(status, headers, new String(body, StandardCharsets.UTF_8)), keepAlive);
        }
    }

    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = requireLine(in);
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size < 0) {
                throw new ProtocolException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!requireLine(in).isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            body.write(readFully(in, size));
            if (!requireLine(in).isEmpty()) {
                throw new ProtocolException("no CRLF after a chunk");
            }
        }
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        if (n < 0) {
            throw new ProtocolException("bad content-length: " + n);
        }
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static String requireLine(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            throw new EOFException("connection closed in the middle of a response");
        }
        return line;
    }

    /** A line ended by LF (a CR before it is dropped), as ISO-8859-1; null at the end of the stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolException("line too long");
            }
            line.append((char) b);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }
}
