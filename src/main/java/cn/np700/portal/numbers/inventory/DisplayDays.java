package cn.np700.portal.numbers.inventory;

import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Today as the platform's users see it (Beijing time by default), for dates such as a grant date. */
@Component
public class DisplayDays {

    private final Clock clock;
    private final PlatformCalendar calendar;

    DisplayDays(Clock clock, PlatformCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
    }

    public LocalDate today() {
        return calendar.dayOf(clock.instant());
    }
}
