package cn.np700.portal.bindings.routecache;

import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code route_change} table: written in the changing transaction, read by every node's follower. */
@Component
class RouteChangeJournal {

    record Row(long id, RouteChange change, Instant changedAt) {
    }

    /** The rows from a point on, and the server's time when they were read. */
    record Read(Instant serverNow, List<Row> rows) {
    }

    private final JdbcClient jdbc;

    RouteChangeJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(RouteChange change) {
        jdbc.sql("INSERT INTO route_change (x, tenant_id) VALUES (?, ?)").params(change.x(), change.tenant()).update();
    }

    /** One statement: the server's clock comes with the rows, so that the next read's window follows that clock. */
    Read since(Instant from) {
        List<Row> rows = new ArrayList<>();
        Instant[] now = new Instant[1];
        jdbc.sql("""
                SELECT n.now, r.id, r.x, r.tenant_id, r.changed_at
                FROM (SELECT NOW(6) AS now) n LEFT JOIN route_change r ON r.changed_at >= ?""")
                .param(Timestamp.from(from))
                .query(rs -> {
                    now[0] = rs.getTimestamp(1).toInstant();
                    if (rs.getObject(2) != null) {
                        Long x = rs.getObject(3) == null ? null : rs.getLong(3);
                        TenantId tenant = rs.getObject(4) == null ? null : TenantId.of(rs.getLong(4));
                        rows.add(new Row(rs.getLong(2), new RouteChange(x, tenant), rs.getTimestamp(5).toInstant()));
                    }
                });
        return new Read(now[0], rows);
    }

    int purgeBefore(Instant before) {
        return jdbc.sql("DELETE FROM route_change WHERE changed_at < ?").param(Timestamp.from(before)).update();
    }
}
