package cn.np700.portal.calls.statistics;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

    /**
     * The scope's figures, narrowed by an operator's filter; the whole platform's come without busiest numbers (X
     * numbers are a tenant's).
     */
    void fill(Scope scope, TenantFilter filter, StatsPeriod period, Model model) {
        List<DayFigures> daily = statistics.daily(scope, filter, period);
        Optional<TenantId> tenant = scope.tenant().or(filter::tenant);
        model.addAttribute("period", period);
        model.addAttribute("daily", daily);
        model.addAttribute("totals", CallStatistics.total(daily));
        if (tenant.isEmpty()) {
            model.addAttribute("busiest", List.of());
            return;
        }
        BusiestNumbers.Ranking ranking = busiest.of(tenant.get(), period);
        model.addAttribute("busiest", ranking.numbers());
        model.addAttribute("busiestRankedAt", ranking.rankedAt());
        model.addAttribute("busiestEvery", BusiestNumbers.FRESH.toMinutes());
    }
}
