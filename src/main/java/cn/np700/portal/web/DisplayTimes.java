package cn.np700.portal.web;

import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times are stored in UTC and shown in the platform calendar's zone (Beijing time by default), whatever zone the
 * server runs in. Templates call it as {@code ${@times.minutes(t)}}.
 */
@Component("times")
public class DisplayTimes {

    private final ZoneId zone;
    private final DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final DateTimeFormatter seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public DisplayTimes(PlatformCalendar calendar) {
        this.zone = calendar.zone();
    }

    /** The zone times are shown in, for a page that says so. */
    public ZoneId zone() {
        return zone;
    }

    public String minutes(Instant instant) {
        return instant == null ? "—" : minutes.format(instant.atZone(zone));
    }

    /** The calendar day alone, where the hour would say more than the reader needs (an enterprise's view of a suspension). */
    public String day(Instant instant) {
        return instant == null ? "—" : instant.atZone(zone).toLocalDate().toString();
    }

    public String seconds(Instant instant) {
        return instant == null ? "—" : seconds.format(instant.atZone(zone));
    }
}
