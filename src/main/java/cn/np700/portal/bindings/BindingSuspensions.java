package cn.np700.portal.bindings;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Suspends one live binding (routing then rejects it) and restores it; both audited. */
@Service
public class BindingSuspensions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BindingSuspensions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** False when the binding is not active (already suspended, ended or unknown). */
    @Transactional
    public boolean suspend(long bindingId, String reason) {
        return move(bindingId, "ACTIVE", "SUSPENDED", reason);
    }

    /** False when the binding is not suspended. */
    @Transactional
    public boolean restore(long bindingId, String reason) {
        return move(bindingId, "SUSPENDED", "ACTIVE", reason);
    }

    private boolean move(long bindingId, String from, String to, String reason) {
        Long tenant = jdbc.sql("SELECT tenant_id FROM binding WHERE id = ?").param(bindingId).query(Long.class).optional().orElse(null);
        int changed = jdbc.sql("UPDATE binding SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(to, Timestamp.from(clock.instant()), bindingId, from).update();
        if (changed == 0) {
            return false;
        }
        events.publishEvent(new BindingSuspensionChanged(bindingId, tenant, "SUSPENDED".equals(to), reason));
        return true;
    }
}
