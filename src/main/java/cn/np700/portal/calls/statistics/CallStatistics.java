package cn.np700.portal.calls.statistics;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.SqlWhere;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Statistics read from the daily roll-ups only (call_daily_tenant per tenant and day, call_daily per X), never from
 * call_record: a 90-day page reads at most 90 rows per tenant however many calls were made.
 */
@Component
class CallStatistics {

    static final int BUSIEST = 10;
    private static final String FIGURES = "SUM(calls), SUM(answered), SUM(short_calls), SUM(duration_total), SUM(sms)";

    private final JdbcClient jdbc;

    CallStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every day of the period, days without calls included as zeros, summed over the tenants of the scope (the
     * platform's: every tenant) that the operator's filter leaves.
     */
    List<DayFigures> daily(Scope scope, TenantFilter filter, StatsPeriod period) {
        Map<LocalDate, DayFigures> byDay = new LinkedHashMap<>();
        for (LocalDate d = period.first(); !d.isAfter(period.last()); d = d.plusDays(1)) {
            byDay.put(d, DayFigures.empty(d));
        }
        SqlWhere where = new SqlWhere().and("day BETWEEN ? AND ?", Date.valueOf(period.first()),
                Date.valueOf(period.last())).within(scope, "tenant_id").narrowedTo(filter, "tenant_id");
        String sql = "SELECT day, " + FIGURES + " FROM call_daily_tenant" + where.sql() + " GROUP BY day";
        jdbc.sql(sql).params(where.params()).query(rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            byDay.put(day, new DayFigures(day, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        });
        return List.copyOf(byDay.values());
    }

    static DayFigures total(List<DayFigures> days) {
        return days.stream().reduce(DayFigures.empty(null), DayFigures::plus);
    }

    /** The tenant's X numbers with the most calls in the period, from the per-X roll-up. */
    List<BusyNumber> busiest(TenantId tenant, StatsPeriod period) {
        return jdbc.sql("""
                        SELECT x, SUM(calls) AS total, SUM(answered) FROM call_daily
                        WHERE tenant_id = ? AND day BETWEEN ? AND ?
                        GROUP BY x ORDER BY total DESC, x LIMIT """ + " " + BUSIEST)
                .params(tenant, Date.valueOf(period.first()), Date.valueOf(period.last()))
                .query((rs, i) -> new BusyNumber(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Each tenant's figures over the period (of those in the scope), busiest first. */
    List<TenantFigures> perTenant(Scope scope, StatsPeriod period) {
        SqlWhere where = new SqlWhere().and("day BETWEEN ? AND ?", Date.valueOf(period.first()),
                Date.valueOf(period.last())).within(scope, "tenant_id");
        return jdbc.sql("SELECT tenant_id, " + FIGURES + " FROM call_daily_tenant" + where.sql()
                        + " GROUP BY tenant_id ORDER BY SUM(calls) DESC, tenant_id")
                .params(where.params())
                .query((rs, i) -> new TenantFigures(TenantId.of(rs.getLong(1)), new DayFigures(null, rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6))))
                .list();
    }
}
