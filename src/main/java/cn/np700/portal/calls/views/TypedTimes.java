package cn.np700.portal.calls.views;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A time typed into a filter: a date ({@code 2026-03-15}) or a date and time ({@code 2026-03-15 08:30[:15]}) in the
 * platform's zone, or an instant with its offset ({@code 2026-03-15T00:30:00Z}, as API clients send). A typed value
 * covers a span: a whole day, minute or second, so "to 2026-03-15" includes that day's calls.
 */
public record TypedTimes(Instant start, Instant end) {

    /**
     * The span typed into a list's time filter {@code field}: null when nothing was typed, and null with the field's
     * problem noted (call.filter.time) when it is none of the accepted forms.
     */
    public static TypedTimes filter(String field, String typed, ZoneId zone, java.util.Map<String, String> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        TypedTimes span = parse(typed, zone);
        if (span == null) {
            problems.put(field, "call.filter.time");
        }
        return span;
    }

    /** The span the text covers, or null when it is none of the accepted forms. */
    public static TypedTimes parse(String typed, ZoneId zone) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) +", "$1T");
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return new TypedTimes(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                Instant at = OffsetDateTime.parse(text).toInstant();
                return new TypedTimes(at, at.plusMillis(1));
            }
            LocalDateTime local = LocalDateTime.parse(text);
            Duration span = text.length() == 16 ? Duration.ofMinutes(1)
                    : local.getNano() == 0 ? Duration.ofSeconds(1) : Duration.ofMillis(1);
            Instant at = local.atZone(zone).toInstant();
            return new TypedTimes(at, at.plus(span));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
