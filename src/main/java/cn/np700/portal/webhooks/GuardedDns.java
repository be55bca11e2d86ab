package cn.np700.portal.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The delivery client's resolver: the addresses it returns, each checked by {@link UrlGuard}, are the ones the
 * connection is made to, so no second look-up can swap in an inside address between the check and the connect.
 */
final class GuardedDns implements DnsResolver {

    private final UrlGuard guard;

    GuardedDns(UrlGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.addresses(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return guard.addresses(host)[0].getCanonicalHostName();
    }
}
