package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds newly stored records to the daily roll-ups (per tenant, day and X; per tenant and day) in the storing
 * transaction. Keys are written in sorted order so that concurrent batches lock them in the same order.
 */
@Component
public class CallRollups {

    public static final int SHORT_CALL_SECONDS = 10;

    private final JdbcTemplate jdbc;
    private final PlatformCalendar calendar;

    CallRollups(JdbcTemplate jdbc, PlatformCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    private record Key(TenantId tenant, LocalDate day, long x) {
    }

    static final class Figures {
        int calls;
        int answered;
        int shortCalls;
        long duration;
        int sms;

        void add(CountedCall r) {
            calls++;
            if (r.result() == CallResult.ANSWERED) {
                answered++;
            }
            if (r.type() == CallType.SMS) {
                sms++;
            } else if (r.durationSeconds() <= SHORT_CALL_SECONDS) {
                shortCalls++;
            }
            duration += r.durationSeconds();
        }

        void add(Figures other) {
            calls += other.calls;
            answered += other.answered;
            shortCalls += other.shortCalls;
            duration += other.duration;
            sms += other.sms;
        }
    }

    void add(List<CountedCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        Comparator<Key> order = Comparator.comparingLong((Key k) -> k.tenant().value()).thenComparing(Key::day).thenComparingLong(Key::x);
        Map<Key, Figures> perX = new TreeMap<>(order);
        for (CountedCall call : calls) {
            LocalDate day = calendar.dayOf(call.start());
            perX.computeIfAbsent(new Key(call.tenant(), day, call.x()), k -> new Figures()).add(call);
        }
        Map<Key, Figures> perTenant = new TreeMap<>(order);
        perX.forEach((key, f) -> perTenant.computeIfAbsent(new Key(key.tenant(), key.day(), 0), k -> new Figures()).add(f));
        PER_X.insert(jdbc, List.copyOf(perX.entrySet()), (ps, i, e) -> figures(ps, bindKey(ps, i, e.getKey(), true), e.getValue()));
        PER_TENANT.insert(jdbc, List.copyOf(perTenant.entrySet()),
                (ps, i, e) -> figures(ps, bindKey(ps, i, e.getKey(), false), e.getValue()));
    }

    private static final String ADD_FIGURES = """
            ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls), answered = answered + VALUES(answered),
                short_calls = short_calls + VALUES(short_calls), duration_total = duration_total + VALUES(duration_total),
                sms = sms + VALUES(sms)""";
    private static final MultiRowInsert PER_X = new MultiRowInsert(
            "call_daily (tenant_id, day, x, calls, answered, short_calls, duration_total, sms)", 8, ADD_FIGURES);
    private static final MultiRowInsert PER_TENANT = new MultiRowInsert(
            "call_daily_tenant (tenant_id, day, calls, answered, short_calls, duration_total, sms)", 7, ADD_FIGURES);

    private static int bindKey(PreparedStatement ps, int i, Key key, boolean withX) throws SQLException {
        ps.setLong(i++, key.tenant().value());
        ps.setDate(i++, Date.valueOf(key.day()));
        if (withX) {
            ps.setLong(i++, key.x());
        }
        return i;
    }

    private static int figures(PreparedStatement ps, int i, Figures f) throws SQLException {
        ps.setInt(i++, f.calls);
        ps.setInt(i++, f.answered);
        ps.setInt(i++, f.shortCalls);
        ps.setLong(i++, f.duration);
        ps.setInt(i++, f.sms);
        return i;
    }
}
