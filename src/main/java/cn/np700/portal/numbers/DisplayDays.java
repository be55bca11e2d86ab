package cn.np700.portal.numbers;

import cn.np700.portal.web.DisplayTimes;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Today as the platform's users see it (Beijing time by default), for dates such as a grant date. */
@Component
class DisplayDays {

    private final Clock clock;
    private final DisplayTimes times;

    DisplayDays(Clock clock, DisplayTimes times) {
        this.clock = clock;
        this.times = times;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), times.zone());
    }
}
