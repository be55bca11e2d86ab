package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every page a person of each role can reach (crawled from the dashboard by following links over the demo data) is
 * rendered in Chinese and in English, and fails on what a person should never read: a message key Thymeleaf could not
 * resolve, a detail label or code with no translation (marked by {@link DetailRows}), a raw enum or event code (an
 * UPPER_SNAKE word, or a constant of the portal's enums), raw JSON, or a UTC timestamp in ISO form.
 */
@PortalIntegrationTest
class EveryPageTranslatedTests {

    private static final List<String> LOGINS = List.of("operator", "reviewer", "auditor", "kuaida-admin",
            "kuaida-agent");
    private static final int MAX_PAGES_PER_LOGIN = 300;
    /** Pages of one shape (ids replaced) visited at most this often: a block's 10,000 numbers are one page shape. */
    private static final int MAX_PER_SHAPE = 3;
    /** Words that are names, not codes: the 700 range's own terms and common abbreviations. */
    private static final Set<String> WORDS = Set.of("AXB", "AXN", "SMS", "API", "CSV", "URL", "ID", "IP", "HTTP",
            "HTTPS", "JSON", "UTF", "GB", "OK", "TOTP", "QR", "MFA", "CDR", "PDF", "UTC", "X", "A", "B", "N");
    private static final Pattern SNAKE = Pattern.compile("\\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\\b");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Z0-9]+\\b");
    private static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final List<String> SKIPPED = List.of("/logout", "/css/", "/js/", "/webjars/", "/api/", "/actuator",
            "/api-docs", "/favicon", "/export", ".csv", "/download", "/result", "/report.csv", "/trace.csv");

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    @Autowired
    TestBindings bindings;

    /** Three complaints on a fresh enterprise's X: complaints, an alert with evidence and their audit entries to read. */
    private void complaintsAndAnAlert() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        for (int i = 0; i < 3; i++) {
            int address = i;
            mvc.perform(post("/check/complaints").with(csrf()).param("number", Long.toString(tenant.firstX()))
                            .param("category", "MARKETING").param("description", "推销电话 " + i).param("contact", "")
                            .param("website", "").with(request -> {
                                request.setRemoteAddr("198.51.100." + (10 + address));
                                return request;
                            }))
                    .andExpect(status().is3xxRedirection());
        }
    }

    @Test
    void everyReachablePageSpeaksChineseAndEnglishWithoutCodesKeysOrRawData() throws Exception {
        complaintsAndAnAlert();
        Set<String> enumWords = enumConstants();
        Map<String, Set<String>> problems = new java.util.TreeMap<>();
        int rendered = 0;
        Set<String> visited = new TreeSet<>();
        for (String login : LOGINS) {
            Deque<String> queue = new ArrayDeque<>(List.of("/"));
            Set<String> seen = new LinkedHashSet<>(queue);
            Map<String, Integer> shapes = new HashMap<>();
            int pages = 0;
            while (!queue.isEmpty() && pages < MAX_PAGES_PER_LOGIN) {
                String url = queue.poll();
                for (String lang : List.of("zh_CN", "en")) {
                    MockHttpServletResponse response = mvc.perform(get(URI.create(withLang(url, lang)))
                            .with(TestLogins.as(accounts, login))).andReturn().getResponse();
                    if (response.getStatus() != 200 || response.getContentType() == null
                            || !response.getContentType().startsWith("text/html")) {
                        continue;
                    }
                    rendered++;
                    Document page = Jsoup.parse(response.getContentAsString());
                    check(page, enumWords).forEach(p -> problems.computeIfAbsent(p, k -> new TreeSet<>())
                            .add(login + " " + lang + " " + url));
                    if (lang.equals("zh_CN")) {
                        pages++;
                        visited.add(shape(url));
                        for (Element a : page.select("a[href]")) {
                            String next = a.attr("href").replaceAll("#.*$", "");
                            if (follow(next) && seen.add(next)
                                    && shapes.merge(shape(next), 1, Integer::sum) <= MAX_PER_SHAPE) {
                                queue.add(next);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("EveryPageTranslatedTests: %d renders over %d logins, %d distinct problems; page shapes: %s%n",
                rendered, LOGINS.size(), problems.size(), visited);
        List<String> report = new ArrayList<>();
        problems.forEach((problem, where) -> report.add(problem + "  <- " + where.iterator().next()
                + (where.size() > 1 ? " (+" + (where.size() - 1) + " more)" : "")));
        assertThat(report).as("untranslated or raw values a person would read").isEmpty();
        assertThat(rendered).as("pages rendered").isGreaterThan(100);
    }

    private static List<String> check(Document page, Set<String> enumWords) {
        List<String> found = new ArrayList<>();
        for (Element marked : page.select("[data-untranslated]")) {
            found.add("untranslated " + marked.attr("data-untranslated") + " " + marked.text());
        }
        page.select("script, style, code, textarea, [translate=no]").remove();
        String text = page.body() == null ? "" : page.body().text() + " " + page.title();
        for (Element option : page.select("option")) {
            text += " " + option.text();
        }
        add(found, "unresolved message ", UNRESOLVED.matcher(text));
        add(found, "raw code ", SNAKE.matcher(text));
        add(found, "ISO time ", ISO_TIME.matcher(text));
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (enumWords.contains(word.group()) && !WORDS.contains(word.group())) {
                found.add("raw enum " + word.group());
            }
        }
        int json = text.indexOf("{\"");
        if (json >= 0) {
            found.add("raw JSON " + text.substring(json, Math.min(text.length(), json + 40)));
        }
        return found;
    }

    private static void add(List<String> found, String what, Matcher m) {
        while (m.find()) {
            found.add(what + m.group());
        }
    }

    private static boolean follow(String href) {
        return href.startsWith("/") && !href.startsWith("//") && SKIPPED.stream().noneMatch(href::contains)
                && !href.contains("lang=");
    }

    private static String shape(String url) {
        return url.replaceAll("\\d+", "9").replaceAll("\\?.*$", "?");
    }

    private static String withLang(String url, String lang) {
        return url + (url.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    private static Set<String> enumConstants() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Enum.class));
        Set<String> words = new TreeSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("cn.np700.portal")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            for (Object constant : type.getEnumConstants()) {
                words.add(((Enum<?>) constant).name());
            }
        }
        return words;
    }
}
