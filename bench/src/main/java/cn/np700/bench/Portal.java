package cn.np700.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** HTTP to the portal: one client per identity (cookies for a signed-in session), a timeout on every request. */
public final class Portal {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final HttpClient client;
    private final CookieManager cookies;

    private Portal(String base, HttpClient client, CookieManager cookies) {
        this.base = base;
        this.client = client;
        this.cookies = cookies;
    }

    /** A client without a session (the APIs authenticate every request by its Authorization header). */
    public static Portal anonymous(String base) {
        return new Portal(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newCachedThreadPool(daemon("http"))).build(), null);
    }

    /** A client keeping cookies, for the pages. Redirects are not followed, so a redirect to /login is visible. */
    public static Portal withCookies(String base) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new Portal(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .executor(Executors.newCachedThreadPool(daemon("http-session"))).build(), cookies);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public String base() {
        return base;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery);
    }

    public HttpResponse<String> postJson(String path, String authorization, String json, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> patchJson(String path, String authorization, String json, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET with an API key, answered in JSON. */
    public HttpResponse<String> getJson(String path, String authorization, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return get(path, timeout, "text/html");
    }

    /** The Prometheus endpoint answers 406 to a browser's text/html; it wants its own text format. */
    public HttpResponse<String> get(String path, Duration timeout, String accept) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", accept).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A streamed GET: the timeout covers the time to the response headers; the caller reads and closes the body. */
    public HttpResponse<InputStream> getStream(String path, Duration timeout) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Signs in through the login form (GET /login for the CSRF token, POST /login) and checks the session works: a
     * GET of {@code checkPath} must answer 200, not a redirect to /login.
     */
    public void logIn(String username, String password, String checkPath) throws IOException, InterruptedException {
        if (cookies == null) {
            throw new IllegalStateException("a session needs a client with cookies");
        }
        Duration timeout = Duration.ofSeconds(30);
        HttpResponse<String> page = get("/login", timeout);
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET /login answered " + page.statusCode());
        }
        String csrf = Html.csrfToken(page.body())
                .orElseThrow(() -> new IllegalStateException("GET /login has no _csrf input"));
        HttpResponse<String> posted = postForm("/login",
                Map.of("username", username, "password", password, "_csrf", csrf), timeout);
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() / 100 != 3 || location.contains("/login")) {
            throw new IllegalStateException("signing in as " + username + " failed: POST /login answered "
                    + posted.statusCode() + (location.isEmpty() ? "" : " to " + location));
        }
        HttpResponse<String> check = get(checkPath, timeout);
        if (check.statusCode() != 200) {
            throw new IllegalStateException("signed in as " + username + " but GET " + checkPath + " answered "
                    + check.statusCode() + " " + check.headers().firstValue("Location").orElse(""));
        }
    }
}
