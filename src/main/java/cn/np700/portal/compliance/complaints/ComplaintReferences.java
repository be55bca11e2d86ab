package cn.np700.portal.compliance.complaints;

import cn.np700.portal.calendar.PlatformCalendar;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * References such as {@code TS-20261123-7KQ4XM}: the day in the platform's zone and six random characters, so that
 * a reference reveals nothing of how many complaints arrive. Uniqueness is the table's constraint.
 */
@Component
class ComplaintReferences {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final SecureRandom random = new SecureRandom();
    private final PlatformCalendar calendar;

    ComplaintReferences(PlatformCalendar calendar) {
        this.calendar = calendar;
    }

    String next(Instant at) {
        StringBuilder reference = new StringBuilder("TS-").append(DAY.format(at.atZone(calendar.zone()))).append('-');
        for (int i = 0; i < 6; i++) {
            reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }
}
