package cn.np700.portal.consent;

import java.util.Locale;
import java.util.Optional;

/** How the person gave their consent: in the enterprise's app, on its web site, by voice (a recorded call), on paper. */
public enum ConsentChannel {
    APP, WEB, VOICE, PAPER, OTHER;

    /** Empty for text that names no channel. */
    public static Optional<ConsentChannel> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (ConsentChannel channel : values()) {
            if (channel.name().equals(raw.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
