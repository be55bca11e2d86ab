package cn.np700.portal.consent;

import cn.np700.portal.phones.PhoneNumbers;
import java.util.Map;
import java.util.Optional;

/** A list's filter as typed: in force or withdrawn, a channel, a number (found by its keyed hash, never by text). */
public record ConsentFilter(String status, String channel, String number) {

    public static final Map<String, String> SORTS = Map.of("granted", "granted_at", "recorded", "recorded_at",
            "withdrawn", "withdrawn_at");

    public boolean inForceOnly() {
        return "IN_FORCE".equals(status);
    }

    public boolean withdrawnOnly() {
        return "WITHDRAWN".equals(status);
    }

    public Optional<ConsentChannel> channelValue() {
        return ConsentChannel.parse(channel);
    }

    /** The number as digits; empty when none was typed. */
    public Optional<String> digits() {
        return number == null || number.isBlank() ? Optional.empty() : PhoneNumbers.normalizeMobile(number);
    }

    /** A number was typed that is no mobile number: the page says so next to the field. */
    public boolean numberInvalid() {
        return number != null && !number.isBlank() && digits().isEmpty();
    }
}
