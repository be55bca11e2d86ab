package cn.np700.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.RecordedStatements;
import cn.np700.portal.tenancy.LoginAccounts;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every statement a tenant's requests run on a tenant-owned table (one with a {@code tenant_id} column, read from the
 * changelogs) names the tenant: a tenant's users crawl every page they can reach from the dashboard (as
 * {@code EveryPageTranslatedTests} does, downloads included), their API key reads the API and a fresh tenant's key
 * creates, changes and ends a binding and verifies a number, while
 * {@link RecordedStatements} records the SQL. A statement without the condition, an id-keyed one included, fails
 * unless {@link #ALLOWED} says why it is safe today; an allowance no request needs any more fails too, and so does a
 * run that records too few statements to prove anything.
 */
@PortalIntegrationTest
class TenantScopeTests {

    private static final List<String> LOGINS = List.of("kuaida-admin", "kuaida-agent");
    private static final int MAX_PAGES_PER_LOGIN = 300;
    private static final int MAX_PER_SHAPE = 3;
    private static final List<String> SKIPPED = List.of("/logout", "/css/", "/js/", "/webjars/", "/actuator",
            "/api-docs", "/favicon");
    /** Fewer distinct statements on tenant-owned tables than this and the crawl has stopped seeing the portal. */
    private static final int AT_LEAST = 50;
    private static final Pattern BINDING_ID = Pattern.compile("\"id\"\\s*:\\s*\"?(\\d+)");

    /**
     * Statement (as {@link TenantCondition#normalize} prints it) to where it runs and why it is safe today. Issue 22
     * is to empty it: the tenant goes into each statement.
     */
    static final Map<String, String> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("select k.id, k.tenant_id, k.name, k.allowed_cidrs, k.revoked_at, t.status from api_key k join tenant_profile t on t.id = k.tenant_id where k.secret_hash = ?",
                    "security/apikeys/ApiKeys.find: authentication; the key's secret is what tells the tenant"),
            Map.entry("select must_change_password from user_account where id = ?",
                    "tenancy/LoginAccounts.mustChangePassword: the signed-in user's own account, by the principal's id"),
            Map.entry("select u.id, u.username, u.display_name, u.password_hash, u.role, u.tenant_id, t.status as tenant_status, u.enabled, u.locked_until, u.must_change_password from user_account u left join tenant t on t.id = u.tenant_id where u.username = ?",
                    "tenancy/LoginAccounts.query: the principal's own account, by the signed-in username; it is what tells the tenant")));

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestApiKeys keys;
    @Autowired
    TestBindings bindings;

    @Test
    void everyStatementATenantsRequestsRunOnATenantOwnedTableNamesTheTenant() throws Exception {
        TenantCondition check = new TenantCondition(Changelogs.tenantOwnedTables(Path.of("db/changelog")));
        long tenantId = accounts.find("kuaida-admin").orElseThrow().tenantId().value();
        String key = keys.create(tenantId, "scope-check", "");
        TestBindings.Ready writer = bindings.tenant();
        List<String> mobiles = List.of(bindings.verified(writer.tenantId()), bindings.verified(writer.tenantId()),
                bindings.verified(writer.tenantId()));
        List<RecordedStatements.Recorded> recorded;
        int pages = 0;
        try (RecordedStatements.Recording recording = RecordedStatements.start()) {
            for (String login : LOGINS) {
                pages += crawl(login);
            }
            assertThat(pages).as("pages a tenant's users reached").isGreaterThan(30);
            readTheApi(key);
            writeThroughTheApi(writer.key(), mobiles);
            recorded = recording.statements();
        } finally {
            keys.revoke(tenantId, key);
        }

        Map<String, String> statements = new TreeMap<>();
        Map<String, Set<String>> unconstrained = new TreeMap<>();
        Set<String> tables = new TreeSet<>();
        int onTenantTables = 0;
        for (RecordedStatements.Recorded statement : recorded) {
            Set<String> touched = check.touched(statement.sql());
            if (touched.isEmpty()) {
                continue;
            }
            onTenantTables++;
            tables.addAll(touched);
            String sql = TenantCondition.normalize(statement.sql());
            statements.put(sql, statement.caller());
            Set<String> missing = check.unconstrained(statement.sql());
            if (!missing.isEmpty()) {
                unconstrained.computeIfAbsent(sql, k -> new TreeSet<>()).add(statement.caller() + " " + missing);
            }
        }
        System.out.printf("TenantScopeTests: %d pages and 9 API calls, %d statements recorded, %d on tenant-owned tables (%d distinct) of %s;"
                + " %d distinct without the tenant condition, %d allowed%n", pages, recorded.size(), onTenantTables,
                statements.size(), tables, unconstrained.size(), ALLOWED.size());
        unconstrained.forEach((sql, where) -> System.out.println("  unconstrained " + where + ": " + sql));

        assertThat(statements).as("distinct statements on tenant-owned tables").hasSizeGreaterThanOrEqualTo(AT_LEAST);
        assertThat(tables).as("tenant-owned tables the requests touched")
                .contains("binding", "call_record", "verification_record", "audit_entry");
        Map<String, Set<String>> unexplained = new TreeMap<>(unconstrained);
        unexplained.keySet().removeAll(ALLOWED.keySet());
        assertThat(unexplained).as("statements on a tenant-owned table without the tenant condition").isEmpty();
        Set<String> stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(unconstrained.keySet());
        assertThat(stale).as("allowances no request needs any more: remove them").isEmpty();
    }

    /** Follows every link from the dashboard, as {@code EveryPageTranslatedTests} does; returns the pages rendered. */
    private int crawl(String login) throws Exception {
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> shapes = new HashMap<>();
        int pages = 0;
        while (!queue.isEmpty() && pages < MAX_PAGES_PER_LOGIN) {
            MockHttpServletResponse response = mvc.perform(get(URI.create(queue.poll()))
                    .with(TestLogins.as(accounts, login))).andReturn().getResponse();
            if (response.getStatus() != 200 || response.getContentType() == null
                    || !response.getContentType().startsWith("text/html")) {
                continue;
            }
            pages++;
            for (Element a : Jsoup.parse(response.getContentAsString()).select("a[href]")) {
                String next = a.attr("href").replaceAll("#.*$", "");
                if (follow(next) && seen.add(next) && shapes.merge(shape(next), 1, Integer::sum) <= MAX_PER_SHAPE) {
                    queue.add(next);
                }
            }
        }
        return pages;
    }

    /** The tenant API's reads, with a key of the same tenant. */
    private void readTheApi(String key) throws Exception {
        String list = api(key, "/api/v1/bindings?size=5");
        Matcher id = BINDING_ID.matcher(list);
        assertThat(id.find()).as("the tenant's demo bindings listed by the API: " + list).isTrue();
        api(key, "/api/v1/bindings/" + id.group(1));
        api(key, "/api/v1/bindings?status=ACTIVE");
        api(key, "/api/v1/call-records?limit=5");
        api(key, "/api/v1/call-records?result=ANSWERED&limit=5");
    }

    /** The tenant API's writes: a binding created, changed and ended, and a number verified. */
    private void writeThroughTheApi(String key, List<String> mobiles) throws Exception {
        String created = send(key, post("/api/v1/bindings"), "{\"mode\":\"AXB\",\"a\":\"" + mobiles.get(0)
                + "\",\"b\":\"" + mobiles.get(1) + "\",\"expiresInSeconds\":3600,\"orderRef\":\"SCOPE-1\"}", 201);
        Matcher id = BINDING_ID.matcher(created);
        assertThat(id.find()).as("the binding created: " + created).isTrue();
        send(key, patch("/api/v1/bindings/" + id.group(1)), "{\"b\":\"" + mobiles.get(2) + "\"}", 200);
        send(key, delete("/api/v1/bindings/" + id.group(1)), null, 200);
        send(key, post("/api/v1/verifications"), "{\"mobile\":\"" + mobiles.get(0) + "\"}", 200);
    }

    private String send(String key, MockHttpServletRequestBuilder request, String json, int expected) throws Exception {
        request.header("Authorization", "Bearer " + key);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        return response.getContentAsString();
    }

    private String api(String key, String url) throws Exception {
        return send(key, get(URI.create(url)), null, 200);
    }

    private static boolean follow(String href) {
        return href.startsWith("/") && !href.startsWith("//") && SKIPPED.stream().noneMatch(href::contains)
                && !href.contains("lang=");
    }

    private static String shape(String url) {
        return url.replaceAll("\\d+", "9").replaceAll("\\?.*$", "?");
    }
}
