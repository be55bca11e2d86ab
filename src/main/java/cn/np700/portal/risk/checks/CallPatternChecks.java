package cn.np700.portal.risk.checks;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marketing patterns in a day's calls: short calls and few answered (per X and per real calling number), one caller
 * reaching many parties.
 */
@Component
class CallPatternChecks {

    private static final int RECORDS = 20;
    // what the daily roll-up counts as a short call, counted the same way per caller
    private static final int SHORT_CALL_SECONDS = 10;

    private final JdbcClient jdbc;
    private final PlatformCalendar calendar;

    CallPatternChecks(JdbcClient jdbc, PlatformCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    List<RiskHit> shortCalls(RiskRule rule, LocalDate day) {
        return jdbc.sql("""
                SELECT tenant_id, x, calls, short_calls, answered FROM call_daily_counts
                WHERE day = ? AND calls >= ? AND short_calls * 100 > ? * calls""")
                .params(Date.valueOf(day), rule.volume(), rule.threshold())
                .query((rs, n) -> perX(rule, day, TenantId.of(rs.getLong(1)), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list();
    }

    List<RiskHit> shortCallsPerCaller(RiskRule rule, LocalDate day) {
        return perCaller(rule, day, "short_calls * 100 > ? * calls");
    }

    List<RiskHit> lowAnswerPerCaller(RiskRule rule, LocalDate day) {
        return perCaller(rule, day, "answered * 100 < ? * calls");
    }

    List<RiskHit> lowAnswer(RiskRule rule, LocalDate day) {
        return jdbc.sql("""
                SELECT tenant_id, x, calls, short_calls, answered FROM call_daily_counts
                WHERE day = ? AND calls >= ? AND answered * 100 < ? * calls""")
                .params(Date.valueOf(day), rule.volume(), rule.threshold())
                .query((rs, n) -> perX(rule, day, TenantId.of(rs.getLong(1)), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list();
    }

    List<RiskHit> reach(RiskRule rule, LocalDate day) {
        record Caller(TenantId tenant, byte[] hash, String masked, int parties, int calls) {
        }
        List<Caller> callers = jdbc.sql("""
                SELECT tenant_id, caller_hash, MIN(caller_masked), COUNT(DISTINCT callee_hash), COUNT(*) FROM call_record_pattern
                WHERE start_time >= ? AND start_time < ? AND tenant_id IS NOT NULL AND callee_hash IS NOT NULL
                GROUP BY tenant_id, caller_hash HAVING COUNT(DISTINCT callee_hash) > ?""")
                .params(start(day), start(day.plusDays(1)), rule.threshold())
                .query((rs, n) -> new Caller(TenantId.of(rs.getLong(1)), rs.getBytes(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5)))
                .list();
        return callers.stream().map(c -> {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("caller", c.masked());
            evidence.put("distinctParties", c.parties());
            evidence.put("calls", c.calls());
            evidence.put("threshold", rule.threshold());
            evidence.put("records", callerRecords(c.tenant(), c.hash(), day));
            return new RiskHit(rule.code(), "a:" + HexFormat.of().formatHex(c.hash()), day, c.tenant(),
                    c.masked() + " → " + c.parties(), evidence);
        }).toList();
    }

    /** One real calling number's calls in a tenant's records that day; the subject is its blind index, never the number. */
    private List<RiskHit> perCaller(RiskRule rule, LocalDate day, String having) {
        record Caller(TenantId tenant, byte[] hash, String masked, int calls, int shortCalls, int answered) {
        }
        List<Caller> callers = jdbc.sql("""
                SELECT tenant_id, caller_hash, MIN(caller_masked), COUNT(*) AS calls,
                       SUM(call_type <> 'SMS' AND duration_seconds <= ?) AS short_calls, SUM(result = 'ANSWERED') AS answered
                FROM call_record_pattern WHERE start_time >= ? AND start_time < ? AND tenant_id IS NOT NULL
                GROUP BY tenant_id, caller_hash HAVING calls >= ? AND\s""" + having)
                .params(SHORT_CALL_SECONDS, start(day), start(day.plusDays(1)), rule.volume(), rule.threshold())
                .query((rs, n) -> new Caller(TenantId.of(rs.getLong(1)), rs.getBytes(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6)))
                .list();
        return callers.stream().map(c -> {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("caller", c.masked());
            evidence.put("calls", c.calls());
            evidence.put("shortCalls", c.shortCalls());
            evidence.put("answered", c.answered());
            evidence.put("threshold", rule.threshold());
            evidence.put("minimumCalls", rule.volume());
            evidence.put("records", callerRecords(c.tenant(), c.hash(), day));
            String summary = c.masked() + ": " + c.calls() + " / "
                    + (rule.code() == RiskRuleCode.SHORT_CALLS ? c.shortCalls() : c.answered());
            return new RiskHit(rule.code(), "a:" + HexFormat.of().formatHex(c.hash()), day, c.tenant(), summary, evidence);
        }).toList();
    }

    private List<Map<String, Object>> callerRecords(TenantId tenant, byte[] hash, LocalDate day) {
        return jdbc.sql("""
                SELECT x, caller_masked, callee_masked, start_time, duration_seconds, result FROM call_record_pattern
                WHERE tenant_id = ? AND caller_hash = ? AND start_time >= ? AND start_time < ? ORDER BY start_time LIMIT ?""")
                .params(tenant, hash, start(day), start(day.plusDays(1)), RECORDS)
                .query((rs, n) -> record(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4),
                        rs.getInt(5), rs.getString(6)))
                .list();
    }

    private RiskHit perX(RiskRule rule, LocalDate day, TenantId tenant, long x, int calls, int shortCalls, int answered) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("x", Long.toString(x));
        evidence.put("calls", calls);
        evidence.put("shortCalls", shortCalls);
        evidence.put("answered", answered);
        evidence.put("threshold", rule.threshold());
        evidence.put("minimumCalls", rule.volume());
        evidence.put("records", jdbc.sql("""
                SELECT x, caller_masked, callee_masked, start_time, duration_seconds, result FROM call_record_pattern
                WHERE x = ? AND start_time >= ? AND start_time < ? ORDER BY start_time LIMIT ?""")
                .params(x, start(day), start(day.plusDays(1)), RECORDS)
                .query((rs, n) -> record(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getInt(5),
                        rs.getString(6)))
                .list());
        String summary = x + ": " + calls + " / " + (rule.code() == RiskRuleCode.SHORT_CALLS ? shortCalls : answered);
        return new RiskHit(rule.code(), "x:" + x, day, tenant, summary, evidence);
    }

    private static Map<String, Object> record(long x, String caller, String callee, Timestamp start, int duration, String result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", Long.toString(x));
        row.put("caller", caller);
        row.put("callee", callee == null ? "" : callee);
        row.put("start", start.toInstant().toString());
        row.put("seconds", duration);
        row.put("result", result);
        return row;
    }

    private Timestamp start(LocalDate day) {
        return Timestamp.from(calendar.startOf(day));
    }
}
