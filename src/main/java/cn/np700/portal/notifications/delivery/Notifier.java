package cn.np700.portal.notifications.delivery;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.UserDirectory;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores one occurrence and delivers it to each user of its audience. The occurrence key is unique in the database,
 * so an occurrence seen twice (two nodes, a repeated job run, a replayed event) is delivered once: the second INSERT
 * is ignored and delivers nothing.
 */
@Component
public class Notifier {

    // hand-written: INSERT IGNORE on the occurrence key and on each inbox row delivers an occurrence once, whatever the repeats
    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Notifier(JdbcClient jdbc, UserDirectory users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /** Whether this call stored the occurrence (false: it was already known). */
    @RetryOnTransientFailure
    @Transactional
    public boolean notify(String occurrenceKey, NotificationKind kind, Audience audience, String link, String messageKey,
            Object... args) {
        Timestamp now = Timestamp.from(clock.instant());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int stored = jdbc.sql("""
                INSERT IGNORE INTO notification (occurrence_key, kind, tenant_id, message_key, args, link, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(occurrenceKey, kind.name(), audience.tenant().orElse(null), messageKey,
                        json.writeValueAsString(Arrays.stream(args).map(String::valueOf).toList()), link, now)
                .update(key, "id");
        if (stored == 0) {
            return false;
        }
        long id = key.getKey().longValue();
        for (long userId : users.enabledUsers(audience.tenant(), audience.roles())) {
            jdbc.sql("INSERT IGNORE INTO notification_inbox (notification_id, user_id, tenant_id, created_at) VALUES (?, ?, ?, ?)")
                    .params(id, userId, audience.tenant().orElse(null), now).update();
        }
        return true;
    }

    /** How many occurrences are stored under a key prefix (for things that recur: suspended, lifted, suspended again). */
    public long occurrences(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE occurrence_key LIKE ?")
                .param(prefix.replace("%", "").replace("_", "\\_") + "%").query(Long.class).single();
    }
}
