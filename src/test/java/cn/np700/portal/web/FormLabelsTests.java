package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.risk.TestRiskAlerts;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every form control a person can fill in has a name a screen reader says: a {@code label for}, a label around it,
 * {@code aria-label} or {@code aria-labelledby} (a placeholder is not one). Each role's pages are found by following
 * the links and htmx requests of the pages from the dashboard on, one page per address shape (ids and query values
 * aside), so a new page is checked without being listed here.
 */
@PortalIntegrationTest
class FormLabelsTests {

    private static final String CONTROLS = "input:not([type=hidden],[type=submit],[type=button],[type=reset],"
            + "[type=image]), select, textarea";
    private static final Pattern SKIPPED = Pattern.compile(
            "^/(logout|actuator|api/|webjars/|css/|js/|favicon|api-docs).*|.*(/export|\\.csv|\\.ya?ml|\\.json)$");
    private static final Pattern ID = Pattern.compile("/\\d+(?=/|$)");
    /** A bound on the crawl, far above what one role's pages need, so a link loop fails instead of running on. */
    private static final int MAX_PAGES = 200;

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestRiskAlerts alerts;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "operator     | /operator/tenants/{id}, /operator/tenants/{id}/quotas, /operator/blocks/{id}, "
                    + "/operator/requests/{id}, /operator/risk/rules/HOARDING, /operator/risk/alerts/{id}, "
                    + "/operator/calls/simulate, /operator/calls/upload, /operator/trace, /operator/history, /audit",
            "reviewer     | /operator/requests/{id}, /operator/complaints, /operator/verifications",
            "auditor      | /audit, /operator/bindings, /operator/calls/unmatched, /operator/calls/unmatched-events",
            "kuaida-admin | /bindings/new, /bindings/{id}, /calls/{id}, /calls/statistics, /enterprise/users/new, "
                    + "/enterprise/api-keys, /numbers/requests, /verifications/bulk, /account/password",
            "kuaida-agent | /bindings, /verifications, /numbers"})
    void everyFormControlOnEveryPageOfARoleHasALabel(String username, String mustVisit) throws Exception {
        // an open alert, so that the alert page (with its handling forms) is among the pages
        TestBindings.Ready tenant = bindings.tenant();
        alerts.lowAnswerRate(tenant.tenantId(), tenant.firstX());
        Crawl crawl = crawl(TestLogins.as(accounts, username), "/");

        assertThat(crawl.visited).as("pages %s opened", username)
                .contains(mustVisit.trim().split("\\s*,\\s*"));
        assertThat(crawl.unlabelled).as("unlabelled form controls on %s's pages", username).isEmpty();
    }

    @Test
    void theSignInPageAndThePublicCheckWithItsComplaintFormLabelEveryControl() throws Exception {
        Crawl crawl = crawl(request -> request, "/login", "/check");

        assertThat(crawl.visited).contains("/login", "/check");
        assertThat(crawl.unlabelled).as("unlabelled form controls on the public pages").isEmpty();
    }

    /** Fails the way the pages must not: a control with a placeholder and nothing else is found. */
    @Test
    void aPlaceholderIsNotALabel() {
        Document page = Jsoup.parse("""
                <form><input name="q" placeholder="Search"><label>Name <input name="n"></label>
                <label for="m">Mobile</label><input id="m"><select aria-label="Status"></select>
                <span id="r">Reason</span><textarea aria-labelledby="r"></textarea><input type="hidden" name="h">
                <input type="checkbox" aria-labelledby="nowhere"></form>""");

        assertThat(unlabelled(page)).hasSize(2).allSatisfy(control -> assertThat(control).doesNotContain("name=\"n\""))
                .anySatisfy(control -> assertThat(control).contains("placeholder=\"Search\""))
                .anySatisfy(control -> assertThat(control).contains("checkbox"));
    }

    private Crawl crawl(RequestPostProcessor who, String... start) throws Exception {
        Crawl crawl = new Crawl();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String address = queue.removeFirst();
            if (!seen.add(shape(address))) {
                continue;
            }
            assertThat(seen).as("pages opened").hasSizeLessThan(MAX_PAGES);
            MockHttpServletRequestBuilder request = get(URI.create(address));
            MockHttpServletResponse response = mvc.perform(request.with(who)).andReturn().getResponse();
            if (response.getRedirectedUrl() != null) {
                local(response.getRedirectedUrl(), address).ifPresent(queue::addLast);
                continue;
            }
            String type = response.getContentType();
            if (response.getStatus() != 200 || type == null || !type.startsWith("text/html")) {
                continue;
            }
            crawl.visited.add(URI.create(address).getPath().replaceAll(ID.pattern(), "/{id}"));
            Document page = Jsoup.parse(response.getContentAsString());
            String path = URI.create(address).getPath().replaceAll(ID.pattern(), "/{id}");
            unlabelled(page).forEach(control -> crawl.unlabelled.add(path + "  " + control));
            for (Element link : page.select("a[href], [hx-get]")) {
                String target = link.hasAttr("hx-get") ? link.attr("hx-get") : link.attr("href");
                local(target, address).ifPresent(queue::addLast);
            }
        }
        return crawl;
    }

    /** The controls on the page without a label, each as its start tag. */
    private static List<String> unlabelled(Document page) {
        List<String> missing = new ArrayList<>();
        for (Element control : page.select(CONTROLS)) {
            if (!labelled(control, page)) {
                String html = control.clone().removeAttr("value").outerHtml();
                missing.add(html.substring(0, html.indexOf('>') + 1));
            }
        }
        return missing;
    }

    private static boolean labelled(Element control, Document page) {
        if (!control.attr("aria-label").isBlank() || control.closest("label") != null) {
            return true;
        }
        if (!control.id().isEmpty() && !page.select("label[for=" + cssString(control.id()) + "]").isEmpty()) {
            return true;
        }
        String labelledBy = control.attr("aria-labelledby").trim();
        return !labelledBy.isEmpty() && List.of(labelledBy.split("\\s+")).stream()
                .allMatch(id -> page.getElementById(id) != null && !page.getElementById(id).text().isBlank());
    }

    private static String cssString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The portal address a link leads to, if it is a page worth opening. */
    private static Optional<String> local(String target, String from) {
        if (target.isBlank() || target.startsWith("#") || target.startsWith("mailto:") || target.startsWith("javascript:")) {
            return Optional.empty();
        }
        URI uri = URI.create("http://localhost" + from).resolve(target.replace(" ", "%20"));
        if (!"localhost".equals(uri.getHost()) || uri.getPort() != -1 || SKIPPED.matcher(uri.getPath()).matches()
                || (uri.getQuery() != null && uri.getQuery().contains("lang="))) {
            return Optional.empty();
        }
        return Optional.of(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** A page's address without its ids and query values: one of each shape is opened. */
    private static String shape(String address) {
        URI uri = URI.create(address);
        Set<String> names = new TreeSet<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                names.add(pair.split("=", 2)[0]);
            }
        }
        return uri.getRawPath().replaceAll(ID.pattern(), "/{id}") + names;
    }

    private static final class Crawl {
        final Set<String> visited = new TreeSet<>();
        final Set<String> unlabelled = new LinkedHashSet<>();
    }
}
