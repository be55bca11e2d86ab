package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 23, item 8, against a real Tomcat (MockMvc has neither its RemoteIpValve nor its redirects): a forged Host
 * never reaches a Location; forwarded headers count only from a trusted proxy (loopback 127.0.0.1 by default), and
 * then the session cookie is Secure and HSTS is sent; from any other address (127.0.0.2 here) they are ignored.
 * Requests go over a plain socket, because Java's HTTP client will not send a Host header of the caller's choosing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ForwardedHeadersServerTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String TRUSTED = "127.0.0.1";
    private static final String UNTRUSTED = "127.0.0.2";

    @LocalServerPort
    int port;

    @Test
    void aForgedHostNeverAppearsInALocation() throws Exception {
        Response entry = send(TRUSTED, "GET", "/calls", Map.of("Host", "evil.example"), null, null);
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.location()).isEqualTo("/login");

        // the page asked for is saved and, after signing in, redirected to: the saved URL must not carry the Host either
        String session = entry.cookie("SESSION");
        Response login = send(TRUSTED, "GET", "/login", Map.of("Host", "evil.example"), session, null);
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        Response signedIn = send(TRUSTED, "POST", "/login", Map.of("Host", "evil.example",
                        "Content-Type", "application/x-www-form-urlencoded"), session,
                "username=kuaida-admin&password=demo700-portal&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).startsWith("/").doesNotStartWith("//").doesNotContain("evil.example");
        assertThat(signedIn.location()).startsWith("/calls");
    }

    @Test
    void aForwardedHostFromATrustedProxyNeverAppearsInALocationEither() throws Exception {
        Response response = send(TRUSTED, "GET", "/calls", Map.of("X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "https"), null, null);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/login");
    }

    @Test
    void behindATrustedProxyServingHttpsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        Response response = send(TRUSTED, "GET", "/login", Map.of("X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.7"), null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.setCookie("SESSION")).isNotNull().containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        assertThat(response.header("Strict-Transport-Security")).isNotNull().contains("max-age=");
    }

    @Test
    void overPlainHttpTheCookieIsNotSecureAndNoHstsIsSent() throws Exception {
        Response response = send(TRUSTED, "GET", "/login", Map.of(), null, null);

        assertThat(response.setCookie("SESSION")).isNotNull().doesNotContainIgnoringCase("secure");
        assertThat(response.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void fromAnUntrustedAddressForwardedHeadersAreIgnored() throws Exception {
        Response response = send(UNTRUSTED, "GET", "/login", Map.of("X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example", "X-Forwarded-For", "203.0.113.7",
                "Forwarded", "for=203.0.113.7;proto=https;host=evil.example"), null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.setCookie("SESSION")).isNotNull().doesNotContainIgnoringCase("secure");
        assertThat(response.header("Strict-Transport-Security")).isNull();

        Response redirect = send(UNTRUSTED, "GET", "/calls", Map.of("X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example"), null, null);
        assertThat(redirect.location()).isEqualTo("/login");
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String location() {
            return header("Location");
        }

        String setCookie(String name) {
            return headers.getOrDefault("set-cookie", List.of()).stream().filter(c -> c.startsWith(name + "="))
                    .findFirst().orElse(null);
        }

        String cookie(String name) {
            String set = setCookie(name);
            return set == null ? null : set.substring(0, set.indexOf(';'));
        }
    }

    /** One HTTP/1.0 exchange (no chunking, the server closes) from {@code from}, a local loopback address. */
    private Response send(String from, String method, String path, Map<String, String> headers, String cookie,
            String form) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(TRUSTED), port), 10_000);
            socket.setSoTimeout(30_000);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.put("Accept", "text/html");
            all.putAll(headers);
            if (cookie != null) {
                all.put("Cookie", cookie);
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                all.put("Content-Length", Integer.toString(body.length));
            }
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
            all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        String raw = bytes.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, raw.substring(end + 4));
    }
}
