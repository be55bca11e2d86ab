package cn.np700.portal.calls.retention;

import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention purge as a background run: its plan (the two cut-offs) is fixed when it starts, its items are the rows
 * counted then, and each step deletes up to {@link #BATCH} of them, oldest tables first, counting them in the same
 * transaction. A purge cut short by a dying node is resumed by another, and its audit entry has every row it deleted.
 * Rows that turn old while it runs (a late record) are left for the next night.
 */
@Component
class RetentionPurge implements RunWork<RetentionPurge.Plan, Void> {

    static final String KIND = "CALL_RECORD_RETENTION";
    static final int BATCH = 2_000;

    /** What goes: detail rows that started before {@code detailBefore}, roll-ups of days before {@code rollupsBefore}. */
    record Plan(Instant detailBefore, LocalDate rollupsBefore) {

        byte[] text() {
            return (detailBefore + "\n" + rollupsBefore).getBytes(StandardCharsets.UTF_8);
        }

        static Plan of(byte[] text) {
            String[] parts = new String(text, StandardCharsets.UTF_8).split("\n");
            return new Plan(Instant.parse(parts[0]), LocalDate.parse(parts[1]));
        }
    }

    /** One table's share of a purge: its count name and the statement that deletes a batch of it. */
    private record Part(String name, String count, String delete, boolean byDay) {
    }

    private static final Part[] PARTS = {
            new Part("callRecords", "SELECT COUNT(*) FROM call_record WHERE start_time < ?",
                    "DELETE FROM call_record WHERE start_time < ? LIMIT ?", false),
            new Part("callEvents", "SELECT COUNT(*) FROM call_event WHERE event_time < ?",
                    "DELETE FROM call_event WHERE event_time < ? LIMIT ?", false),
            new Part("routeRejections", "SELECT COUNT(*) FROM route_rejection WHERE at < ?",
                    "DELETE FROM route_rejection WHERE at < ? LIMIT ?", false),
            new Part("dailyRows", "SELECT COUNT(*) FROM call_daily WHERE day < ?",
                    "DELETE FROM call_daily WHERE day < ? LIMIT ?", true),
            new Part("dailyRows", "SELECT COUNT(*) FROM call_daily_tenant WHERE day < ?",
                    "DELETE FROM call_daily_tenant WHERE day < ? LIMIT ?", true)};

    private final JdbcClient jdbc;

    RetentionPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int chunk() {
        return BATCH;
    }

    @Override
    public int concurrency() {
        return 1;
    }

    /** How many rows the plan would delete now: the run's total. */
    int rowsDue(Plan plan) {
        int total = 0;
        for (Part part : PARTS) {
            total += jdbc.sql(part.count()).param(cutOff(part, plan)).query(Integer.class).single();
        }
        return total;
    }

    @Override
    public Plan load(Run run, byte[] input) {
        return Plan.of(input);
    }

    @Override
    public RunCounts step(Run run, Plan plan, int from, int to, Void prepared) {
        int left = to - from;
        RunCounts deleted = RunCounts.NONE;
        for (Part part : PARTS) {
            if (left == 0) {
                break;
            }
            int n = jdbc.sql(part.delete()).params(cutOff(part, plan), left).update();
            deleted = deleted.plus(part.name(), n);
            left -= n;
        }
        return deleted;
    }

    private static Object cutOff(Part part, Plan plan) {
        return part.byDay() ? Date.valueOf(plan.rollupsBefore()) : Timestamp.from(plan.detailBefore());
    }
}
