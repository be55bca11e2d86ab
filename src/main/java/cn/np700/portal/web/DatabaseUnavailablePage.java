package cn.np700.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The page people see while the database is out of reach. It is written without the template engine, the session or
 * the security context, all of which would read the database again; so the language comes from {@code ?lang} or
 * the browser's preference rather than the session's choice.
 */
final class DatabaseUnavailablePage {

    private DatabaseUnavailablePage() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, MessageSource messages)
            throws IOException {
        Locale locale = localeOf(request);
        String title = HtmlUtils.htmlEscape(messages.getMessage("error.503.title", null, locale));
        String text = HtmlUtils.htmlEscape(messages.getMessage("error.503.text", null, locale));
        String again = HtmlUtils.htmlEscape(messages.getMessage("error.503.again", null, locale));
        String context = HtmlUtils.htmlEscape(request.getContextPath());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="%s">
                <head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="%s/css/portal.css"></head>
                <body class="bare"><section class="error-box" role="alert">
                <p class="error-code">503</p><h1>%s</h1><p>%s</p>
                <a class="button" href="">%s</a>
                </section></body></html>
                """.formatted(locale.toLanguageTag(), title, context, title, text, again));
    }

    static Locale localeOf(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        String language = lang != null && !lang.isBlank() ? lang
                : request.getHeader("Accept-Language") != null ? request.getLocale().getLanguage() : "zh";
        return language.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
