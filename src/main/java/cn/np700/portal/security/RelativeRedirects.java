package cn.np700.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every redirect leaves as a path on this site. An absolute URL is built from the request's Host header (Spring
 * Security's saved request, for one), which the client chooses, so {@code Host: evil.example} would send the user to
 * evil.example; cutting every absolute Location to its path, query and fragment keeps all redirects here, whoever
 * builds them; and writes them as a plain Location header, so that the container cannot make them absolute again.
 */
class RelativeRedirects extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Wrapper(response));
    }

    /** The path, query and fragment of {@code location}; a location that is not a URL becomes the home page. */
    static String relative(String location) {
        if (location == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\") ? location : "/";
        }
        if (uri.getScheme() == null && uri.getRawAuthority() == null) {
            // already relative; "//evil.example" is not, and has an authority
            return location;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /**
     * Writes the redirect itself, as Spring's RelativeRedirectFilter does: the container's sendRedirect makes the
     * location absolute from the Host header whenever it believes the client cannot take a path (Tomcat does so for
     * every HTTP/1.0 request, whatever {@code use-relative-redirects} says).
     */
    private static final class Wrapper extends HttpServletResponseWrapper {

        Wrapper(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            sendRedirect(location, SC_FOUND, true);
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            sendRedirect(location, SC_FOUND, clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int sc) throws IOException {
            sendRedirect(location, sc, true);
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("Cannot redirect: the response is already committed");
            }
            if (clearBuffer) {
                resetBuffer();
            }
            setStatus(sc);
            setHeader("Location", location);
            flushBuffer();
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Location".equalsIgnoreCase(name) ? relative(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Location".equalsIgnoreCase(name) ? relative(value) : value);
        }
    }
}
