package cn.np700.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little HTML reading the page workloads need: the login form's CSRF token and links. */
public final class Html {

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern META = Pattern.compile("<meta\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("<a\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private Html() {
    }

    /** The value of the hidden {@code _csrf} input (or the {@code csrf-token} meta tag), if the page has one. */
    public static Optional<String> csrfToken(String html) {
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            String tag = m.group();
            if ("_csrf".equals(attribute(tag, "name").orElse(null))) {
                return attribute(tag, "value");
            }
        }
        Matcher meta = META.matcher(html);
        while (meta.find()) {
            String tag = meta.group();
            if ("csrf-token".equals(attribute(tag, "name").orElse(null))) {
                return attribute(tag, "content");
            }
        }
        return Optional.empty();
    }

    /** An attribute's value in a tag (quoted with " or '), entities decoded. */
    public static Optional<String> attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')",
                Pattern.CASE_INSENSITIVE).matcher(tag);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(unescape(m.group(2) != null ? m.group(2) : m.group(3)));
    }

    /** The hrefs of all links, in page order, entities decoded. */
    public static List<String> hrefs(String html) {
        List<String> result = new ArrayList<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            attribute(m.group(), "href").ifPresent(result::add);
        }
        return result;
    }

    /** The first link to an older page: an href with an {@code after=} parameter. */
    public static Optional<String> nextPageLink(String html) {
        return hrefs(html).stream().filter(h -> h.contains("?after=") || h.contains("&after=")).findFirst();
    }

    static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x3D;", "=").replace("&#61;", "=").replace("&amp;", "&");
    }
}
