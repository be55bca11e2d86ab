package cn.np700.portal.compliance;

import cn.np700.portal.compliance.complaints.ComplaintQueue;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What other modules may ask about complaints. */
@Component
public class Complaints {

    private final JdbcClient jdbc;

    Complaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many complaints name the 700 number {@code x} since {@code since} (inclusive). */
    public long countFor(long x, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM complaint WHERE number = ? AND created_at >= ?")
                .params(x, Timestamp.from(since)).query(Long.class).single();
    }

    /** The numbers named by at least {@code count} complaints since {@code since} (inclusive). */
    public List<ComplainedNumber> numbersWithAtLeast(long count, Instant since) {
        return jdbc.sql("""
                SELECT c.number, COUNT(*),
                       (SELECT n.tenant_id FROM complaint n WHERE n.number = c.number ORDER BY n.created_at DESC, n.id DESC LIMIT 1)
                FROM complaint c WHERE c.created_at >= ? GROUP BY c.number HAVING COUNT(*) >= ?""")
                .params(Timestamp.from(since), count)
                .query((rs, n) -> new ComplainedNumber(rs.getLong(1),
                        TenantId.ofNullable(rs.getObject(3, Long.class)).orElse(null), rs.getLong(2)))
                .list();
    }

    /** The latest complaints naming the 700 number {@code x}, newest first, the citizen's contact included (operators). */
    public List<ComplaintRow> about(long x, int limit) {
        return jdbc.sql("SELECT " + ComplaintQueue.COLUMNS + " FROM complaint WHERE number = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(x, limit).query((rs, n) -> ComplaintQueue.row(rs)).list();
    }
}
