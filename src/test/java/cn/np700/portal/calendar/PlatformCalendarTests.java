package cn.np700.portal.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PlatformCalendarTests {

    private final PlatformCalendar calendar = new PlatformCalendar(ZoneId.of("Asia/Shanghai"));

    @Test
    void aDayStartsAtBeijingMidnight() {
        assertThat(calendar.startOf(LocalDate.parse("2026-02-01"))).isEqualTo(Instant.parse("2026-01-31T16:00:00Z"));
    }

    @Test
    void anInstantAfterBeijingMidnightIsTheNextDayWhileUtcIsStillTheDayBefore() {
        assertThat(calendar.dayOf(Instant.parse("2026-01-31T15:59:59Z"))).isEqualTo(LocalDate.parse("2026-01-31"));
        assertThat(calendar.dayOf(Instant.parse("2026-01-31T16:00:00Z"))).isEqualTo(LocalDate.parse("2026-02-01"));
    }
}
