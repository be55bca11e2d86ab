package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the creation time of freshly loaded bindings back, so that call records loaded after them, dated in the
 * past, fall inside them (a record matches only a binding created before its call). For demo and benchmark data
 * only: never done to real bindings.
 */
@Component
public class BindingBackdating {

    private final JdbcClient jdbc;

    BindingBackdating(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every binding of the tenant, by whole days. */
    public void backdate(TenantId tenant, Duration by) {
        jdbc.sql("UPDATE binding SET created_at = DATE_SUB(created_at, INTERVAL ? DAY) WHERE tenant_id = ?")
                .params(by.toDays(), tenant).update();
    }

    /** The bindings the actor made after {@code madeAfter}, by whole days. */
    public void backdateMadeBy(String actor, Instant madeAfter, Duration by) {
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL ? DAY WHERE created_by = ? AND created_at > ?")
                .params(by.toDays(), actor, Timestamp.from(madeAfter)).update();
    }
}
