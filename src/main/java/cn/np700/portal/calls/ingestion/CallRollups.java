package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
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
        upsert("""
                INSERT INTO call_daily (tenant_id, day, x, calls, answered, short_calls, duration_total, sms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls), answered = answered + VALUES(answered),
                    short_calls = short_calls + VALUES(short_calls), duration_total = duration_total + VALUES(duration_total),
                    sms = sms + VALUES(sms)""", perX, true);
        upsert("""
                INSERT INTO call_daily_tenant (tenant_id, day, calls, answered, short_calls, duration_total, sms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls), answered = answered + VALUES(answered),
                    short_calls = short_calls + VALUES(short_calls), duration_total = duration_total + VALUES(duration_total),
                    sms = sms + VALUES(sms)""", perTenant, false);
    }

    private void upsert(String sql, Map<Key, Figures> figures, boolean withX) {
        List<Map.Entry<Key, Figures>> entries = new ArrayList<>(figures.entrySet());
        jdbc.batchUpdate(sql, entries, entries.size(), (ps, e) -> {
            int i = 1;
            ps.setLong(i++, e.getKey().tenant().value());
            ps.setDate(i++, Date.valueOf(e.getKey().day()));
            if (withX) {
                ps.setLong(i++, e.getKey().x());
            }
            Figures f = e.getValue();
            ps.setInt(i++, f.calls);
            ps.setInt(i++, f.answered);
            ps.setInt(i++, f.shortCalls);
            ps.setLong(i++, f.duration);
            ps.setInt(i, f.sms);
        });
    }
}
