package cn.np700.portal.calls.statistics;

import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Fills a statistics page: the period, one tenant's (or the platform's) days and totals, and the busiest X numbers. */
@Component
class StatisticsModel {

    private final CallStatistics statistics;
    private final BusiestNumbers busiest;
    private final PlatformCalendar calendar;
    private final Clock clock;

    StatisticsModel(CallStatistics statistics, BusiestNumbers busiest, PlatformCalendar calendar, Clock clock) {
        this.statistics = statistics;
        this.busiest = busiest;
        this.calendar = calendar;
        this.clock = clock;
    }

    StatsPeriod period(String days) {
        return StatsPeriod.of(days, calendar.dayOf(clock.instant()));
    }

    /** {@code tenantId} null: the whole platform, without busiest numbers (X numbers are a tenant's). */
    void fill(Long tenantId, StatsPeriod period, Model model) {
        List<DayFigures> daily = statistics.daily(tenantId, period);
        model.addAttribute("period", period);
        model.addAttribute("daily", daily);
        model.addAttribute("totals", CallStatistics.total(daily));
        if (tenantId == null) {
            model.addAttribute("busiest", List.of());
            return;
        }
        BusiestNumbers.Ranking ranking = busiest.of(tenantId, period);
        model.addAttribute("busiest", ranking.numbers());
        model.addAttribute("busiestRankedAt", ranking.rankedAt());
        model.addAttribute("busiestEvery", BusiestNumbers.FRESH.toMinutes());
    }
}
