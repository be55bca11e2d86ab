package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.web.SqlWhere;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A call's status as the carrier reported it, in order: for the call record's page. A tenant sees its own events. */
@Component
public class CallEventTimeline {

    private final JdbcClient jdbc;

    CallEventTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code cause}: the disconnect cause, null for other types. */
    public record Step(CallEventType type, String cause, Instant at) {
    }

    public List<Step> of(Scope scope, String callId) {
        SqlWhere where = new SqlWhere().and("call_id = ?", callId).within(scope, "tenant_id");
        return jdbc.sql("SELECT event_type, cause, event_time FROM call_event" + where.sql()
                        + " ORDER BY event_time, FIELD(event_type, 'ALERTING', 'ANSWERED', 'DISCONNECTED')")
                .params(where.params())
                .query((rs, n) -> new Step(CallEventType.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }
}
