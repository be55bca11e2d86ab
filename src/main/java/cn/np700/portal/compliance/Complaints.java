package cn.np700.portal.compliance;

import java.sql.Timestamp;
import java.time.Instant;
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
}
