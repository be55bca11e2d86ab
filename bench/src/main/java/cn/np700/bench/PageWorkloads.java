package cn.np700.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages an enterprise admin reads, signed in as {@code bench-admin-01}: the call record list (first page, a page
 * 50 "older" links deep, and a keyset cursor half-way back in the data), the bindings list (first page and a deep
 * page) and the statistics page. Each is sampled a fixed number of times.
 */
public final class PageWorkloads {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int DEEP_LINKS = 50;

    private PageWorkloads() {
    }

    /** A keyset cursor as the portal encodes it: base64url of {@code millis.id}, without padding. */
    public static String cursor(Instant start, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((start.toEpochMilli() + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Which bindings page to time as "deep": page 500, or the last one when the tenant has fewer (20 a page). */
    public static long deepBindingsPage(DataContract data) {
        return Math.max(1, Math.min(500, data.bindingsPerTenant() / 20));
    }

    /** Follows the "older" link from the first call record page up to 50 times; the last link found. */
    static String deepCallsLink(Portal session, List<String> notes) throws Exception {
        String path = "/calls";
        String deepest = null;
        int followed = 0;
        for (; followed < DEEP_LINKS; followed++) {
            HttpResponse<String> page = session.get(path, TIMEOUT);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + page.statusCode());
            }
            String next = Html.nextPageLink(page.body()).orElse(null);
            if (next == null) {
                break;
            }
            deepest = next;
            path = next;
        }
        if (followed < DEEP_LINKS) {
            notes.add("pages: the call record list had only " + (followed + 1) + " pages to follow");
        }
        return deepest;
    }

    /** The pages to time, by name, in order. */
    public static Map<String, String> pages(Portal session, DataContract data, List<String> notes) throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("calls: first page", "/calls");
        String deep = deepCallsLink(session, notes);
        if (deep != null) {
            pages.put("calls: page 51 (older link x50)", deep);
        }
        pages.put("calls: 15 days back (keyset)",
                "/calls?after=" + cursor(Instant.now().minus(Duration.ofDays(15)), 999_999_999_999_999_999L));
        pages.put("bindings: first page", "/bindings");
        pages.put("bindings: page " + deepBindingsPage(data), "/bindings?page=" + deepBindingsPage(data));
        pages.put("statistics: 30 days", "/calls/statistics?days=30");
        return pages;
    }

    public static Workload get(Portal session, String path) {
        return seq -> {
            HttpResponse<String> page = session.get(path, TIMEOUT);
            if (page.statusCode() == 200) {
                return Workload.Result.ok();
            }
            String location = page.headers().firstValue("Location").orElse("");
            return Workload.Result.failed("HTTP " + page.statusCode()
                    + (location.contains("/login") ? " (signed out)" : ""));
        };
    }

    /** Times each page {@code samples} times from {@code threads} threads after a short warm-up. */
    public static List<LoadResult> run(Portal session, DataContract data, int samples, int threads, List<String> notes)
            throws Exception {
        List<LoadResult> results = new ArrayList<>();
        for (Map.Entry<String, String> page : pages(session, data, notes).entrySet()) {
            System.out.println("  " + page.getKey() + ": GET " + page.getValue());
            results.add(ClosedLoop.run(page.getKey(), threads, 2, 600, samples, get(session, page.getValue())));
        }
        return results;
    }
}
