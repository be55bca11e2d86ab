package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The error pages as a browser gets them from a real server (MockMvc never forwards to /error): HTML in the
 * user's language, never a JSON body, for unknown pages, malformed ids and forbidden pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPagesServerTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private HttpClient browser;

    @BeforeEach
    void signInAsAnEnterpriseAdmin() throws Exception {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Matcher csrf = CSRF.matcher(fetch("/login").body());
        assertThat(csrf.find()).isTrue();
        String form = "username=kuaida-admin&password=demo700-portal&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        browser.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', value = {
            "/no-such-page            | zh-CN | 404 | 页面不存在",
            "/no-such-page            | en    | 404 | Not found",
            "/enterprise/users/abc    | zh-CN | 400 | 请求未能完成",
            "/enterprise/users/abc    | en    | 400 | could not be completed",
            "/enterprise/users?page=x | zh-CN | 400 | 请求未能完成",
            "/operator/tenants        | zh-CN | 403 | 无权访问",
            "/operator/tenants        | en    | 403 | Not allowed",
            "/enterprise/users/999999 | en    | 404 | does not belong to your enterprise",
    })
    void browsersGetTheErrorPageInTheirLanguage(String path, String lang, int status, String text) throws Exception {
        fetch("/?lang=" + lang);
        HttpResponse<String> response = fetch(path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).contains(text).doesNotContain("\"status\":");
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
