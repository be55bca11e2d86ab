package cn.np700.portal.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks away from the portal's own networks (server-side request forgery): an endpoint's URL must be https
 * and every address its host resolves to must be public, unless {@code portal.webhooks.allowed-networks} holds it.
 * Checked when an endpoint is saved and again, by {@link GuardedDns}, on each delivery, for the very addresses the
 * connection then uses (a name that resolved to a public address at saving may point inside later).
 */
@Component
class UrlGuard {

    /** Refused whatever the JDK's own classification says (it knows loopback, site- and link-local, multicast, any). */
    private static final List<Cidr> REFUSED = Cidr.all(List.of(
            "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4",
            "fc00::/7", "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "::/128"));

    private final WebhookProperties properties;
    private final List<Cidr> allowed;

    UrlGuard(WebhookProperties properties) {
        this.properties = properties;
        this.allowed = Cidr.all(properties.allowedNetworks());
    }

    /** Why an endpoint URL is refused: a stable code for the API and a message key for pages. */
    static final class Refused extends UnknownHostException {

        private final String code;

        Refused(String code, String detail) {
            super(detail);
            this.code = code;
        }

        String code() {
            return code;
        }

        String messageKey() {
            return "webhooks.url." + code;
        }
    }

    /** The URL parsed, its scheme allowed and each address of its host allowed; else why not. */
    URI check(String url) throws Refused {
        URI uri = parse(url);
        addresses(uri.getHost());
        return uri;
    }

    /** The URL's form alone (scheme, host, no credentials), without resolving it. */
    URI parse(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new Refused("INVALID_URL", "a URL of at most 2000 characters is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("INVALID_URL", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new Refused("INVALID_URL", "an http(s) URL with a host and no credentials or fragment is required");
        }
        if (scheme.equals("http") && !properties.allowPlainHttp()) {
            throw new Refused("HTTPS_REQUIRED", "the URL must use https");
        }
        return uri;
    }

    /** Every address the host resolves to, each of them allowed; refused when any is not. */
    InetAddress[] addresses(String host) throws Refused {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("UNRESOLVABLE_HOST", "the host " + host + " does not resolve");
        }
        for (InetAddress address : all) {
            if (refused(address)) {
                throw new Refused("ADDRESS_REFUSED", "the host " + host + " resolves to " + address.getHostAddress()
                        + ", an address webhooks may not reach");
            }
        }
        return all;
    }

    boolean refused(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return false;
        }
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()
                || REFUSED.stream().anyMatch(c -> c.contains(address));
    }

    /** An address block, {@code address/prefix}. */
    record Cidr(byte[] network, int prefix) {

        static List<Cidr> all(List<String> texts) {
            return texts.stream().map(Cidr::parse).toList();
        }

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address block: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
