package cn.np700.portal.calls.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Exports 100,000 call records from a real server and reads them as a browser would, while server and test share a
 * heap capped at {@value #HEAP_LIMIT_MB} MB (the {@code export-heap} surefire execution in pom.xml, -Xmx128m; this
 * class runs nowhere else). Why that proves streaming: the started portal already fills much of that heap, and
 * 100,000 records held at once do not fit beside it (the driver's buffered rows plus the mapped records come to well
 * over 100 MB; an export that read them in one query before writing was tried and died of OutOfMemoryError here).
 * Written in keyset chunks of {@value CallCsvExport#CHUNK} rows, the export holds one chunk at a time whatever the
 * total. The download also starts before its end is known: no Content-Length (the time to the first line is printed).
 */
@Tag("export-heap")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CallExportHeapTests {

    static final int HEAP_LIMIT_MB = 128;
    private static final int RECORDS = 100_000;
    private static final long X = 700_9999_0000_0001L;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void oneHundredThousandRecordsStreamThroughASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run in the export-heap execution, with -Xmx%dm", HEAP_LIMIT_MB)
                .isLessThanOrEqualTo(HEAP_LIMIT_MB * 1024L * 1024L);
        long tenantId = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = 'kuaida-admin'")
                .query(Long.class).single();
        new TestCalls(jdbc).bulk(tenantId, X, Instant.now().minus(1, ChronoUnit.HOURS), RECORDS, 3);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser);
        long started = System.nanoTime();
        HttpResponse<InputStream> response = browser.send(HttpRequest.newBuilder(uri("/calls/export?x=" + X)).GET()
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();

        int rows = 0;
        BitSet seen = new BitSet();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertThat(header).startsWith("\uFEFF编号,");
            long firstLine = System.nanoTime() - started;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                long id = Long.parseLong(line.substring(0, line.indexOf(',')));
                seen.set((int) (id % 10_000_000));
                rows++;
            }
            long total = System.nanoTime() - started;
            System.out.printf("Call record export: %,d rows in %,d ms (header after %,d ms), max heap %d MB%n", rows,
                    total / 1_000_000, firstLine / 1_000_000, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        assertThat(rows).isEqualTo(RECORDS);
        assertThat(seen.cardinality()).as("distinct records").isEqualTo(RECORDS);
    }

    private void signIn(HttpClient browser) throws Exception {
        String login = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "username=kuaida-admin&password=demo700-portal&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<Void> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
