package cn.np700.portal.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times are stored in UTC; days (quotas, roll-ups, report months, date filters, a rule's day) are counted in the
 * platform's zone, so that "today" is the same day for every node and every reader.
 */
@Component
public class PlatformCalendar {

    private final ZoneId zone;

    public PlatformCalendar(@Value("${portal.time-zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The calendar day an instant falls on in the platform's zone. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The first instant of a calendar day in the platform's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
