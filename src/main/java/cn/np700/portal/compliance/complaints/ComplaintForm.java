package cn.np700.portal.compliance.complaints;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The public complaint form as typed; {@code website} is the honeypot a person never sees and so leaves empty.
 * {@code callTime} is when the call happened ({@code 2026-03-15T08:30}, the browser's date-time field), optional.
 */
public record ComplaintForm(String number, String category, String description, String contact, String website,
        String callTime) {

    public static final int DESCRIPTION_MAX = 1_000;
    public static final int CONTACT_MAX = 100;
    /** How far back a call may be dated: older calls' records may already be purged. */
    static final Duration CALL_TIME_WINDOW = Duration.ofDays(180);

    public static ComplaintForm about(String number) {
        return new ComplaintForm(number, null, null, null, null, null);
    }

    /** The call time in the portal's zone; empty when left blank or not a date-time. */
    Optional<Instant> callInstant(ZoneId zone) {
        if (callTime == null || callTime.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(callTime.strip()).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    boolean trapped() {
        return website != null && !website.isEmpty();
    }

    String trimmedDescription() {
        return description == null ? "" : description.strip();
    }

    /** Null when left empty. */
    String trimmedContact() {
        return contact == null || contact.isBlank() ? null : contact.strip();
    }
}
