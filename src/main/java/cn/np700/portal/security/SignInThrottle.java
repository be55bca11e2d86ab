package cn.np700.portal.security;

import cn.np700.portal.database.RetryOnTransientFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing without letting a stranger lock anyone out. Three counters, keyed by what was typed
 * (so an unknown username behaves exactly like a known one): per client address (many usernames from one place), per
 * username and address (one account from one place), and per username (one account from many places). The last only
 * slows down, with short blocks, and never applies to an address this account has signed in from within
 * known-address-for: whoever floods an operator's account with wrong passwords blocks themselves, not the operator.
 */
@Component
public class SignInThrottle {

    /** A block a failure has just started, for the audit trail. */
    public record Lockout(String scope, String address, int failures, Instant until) {

        public Map<String, Object> details() {
            return Map.of("scope", scope, "address", address, "failures", failures, "until", until.toString());
        }
    }

    private final FailureCounters counters;
    private final SignInProperties properties;
    private final Clock clock;

    SignInThrottle(FailureCounters counters, SignInProperties properties, Clock clock) {
        this.counters = counters;
        this.properties = properties;
        this.clock = clock;
    }

    /** Until when attempts with this username from this address are refused without looking at the password. */
    Optional<Instant> refusedUntil(String username, String address) {
        Keys keys = new Keys(username, address);
        Instant now = clock.instant();
        List<FailureCounters.Row> rows = counters.find(List.of(keys.address, keys.pair, keys.account));
        boolean knownAddress = rows.stream().anyMatch(r -> r.key().equals(keys.pair) && r.lastSuccessAt() != null
                && r.lastSuccessAt().isAfter(now.minus(properties.knownAddressFor())));
        return rows.stream()
                .filter(r -> !(knownAddress && r.key().equals(keys.account)))
                .map(FailureCounters.Row::blockedUntil)
                .filter(until -> until != null && until.isAfter(now))
                .max(Instant::compareTo);
    }

    @RetryOnTransientFailure
    @Transactional
    List<Lockout> failed(String username, String address) {
        Keys keys = new Keys(username, address);
        List<Lockout> lockouts = new ArrayList<>(3);
        counters.fail(keys.address, properties.perAddress())
                .ifPresent(b -> lockouts.add(new Lockout("address", keys.addressValue, b.failures(), b.until())));
        counters.fail(keys.pair, properties.perAccountAndAddress())
                .ifPresent(b -> lockouts.add(new Lockout("account-address", keys.addressValue, b.failures(), b.until())));
        counters.fail(keys.account, properties.perAccount())
                .ifPresent(b -> lockouts.add(new Lockout("account", keys.addressValue, b.failures(), b.until())));
        return lockouts;
    }

    /** A right password: this account's streaks end, and this address becomes one it is known to sign in from. */
    @RetryOnTransientFailure
    @Transactional
    void succeeded(String username, String address) {
        Keys keys = new Keys(username, address);
        counters.clear(keys.pair, true);
        counters.clear(keys.account, false);
        // the address's own streak stays: a guesser with one valid account must not reset it by signing in
    }

    private static final class Keys {

        final String addressValue;
        final String address;
        final String pair;
        final String account;

        Keys(String username, String address) {
            String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
            name = name.length() > 60 ? name.substring(0, 60) : name;
            this.addressValue = address == null ? "unknown" : address.length() > 45 ? address.substring(0, 45) : address;
            this.address = "A|" + addressValue;
            this.pair = "P|" + name + "|" + addressValue;
            this.account = "U|" + name;
        }
    }
}
