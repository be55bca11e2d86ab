package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DisplayTimesTests {

    private final DisplayTimes times = new DisplayTimes(new PlatformCalendar(ZoneId.of("Asia/Shanghai")));

    @Test
    void showsUtcInstantsInBeijingTime() {
        assertThat(times.minutes(Instant.parse("2026-01-31T16:30:00Z"))).isEqualTo("2026-02-01 00:30");
        assertThat(times.seconds(Instant.parse("2026-01-31T16:30:05Z"))).isEqualTo("2026-02-01 00:30:05");
        assertThat(times.minutes(null)).isEqualTo("—");
    }

    @Test
    void showsTheBeijingDayAlone() {
        assertThat(times.day(Instant.parse("2026-01-31T16:30:00Z"))).isEqualTo("2026-02-01");
        assertThat(times.day(null)).isEqualTo("—");
    }
}
