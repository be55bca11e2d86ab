package cn.np700.portal.notifications;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user's notifications. Every statement is scoped by the user and their tenant together, so another user's
 * notification is simply not found.
 */
@Component
class Inbox {

    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Item(long id, NotificationKind kind, String messageKey, List<String> args, String link, Instant createdAt,
            Instant readAt) {

        boolean unread() {
            return readAt == null;
        }
    }

    long unread(CurrentUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_inbox WHERE user_id = ? AND tenant_id <=> ? AND read_at IS NULL")
                .params(user.userId(), user.tenantId()).query(Long.class).single();
    }

    Page<Item> page(CurrentUser user, boolean unreadOnly, PageQuery page) {
        String where = " WHERE i.user_id = ? AND i.tenant_id <=> ?" + (unreadOnly ? " AND i.read_at IS NULL" : "");
        long total = jdbc.sql("SELECT COUNT(*) FROM notification_inbox i" + where)
                .params(user.userId(), user.tenantId()).query(Long.class).single();
        List<Item> items = jdbc.sql("""
                SELECT i.id, n.kind, n.message_key, n.args, n.link, n.created_at, i.read_at
                FROM notification_inbox i JOIN notification n ON n.id = i.notification_id""" + where
                        + " ORDER BY i.id DESC LIMIT ? OFFSET ?")
                .params(user.userId(), user.tenantId(), page.size(), page.offset())
                .query((rs, n) -> {
                    Timestamp read = rs.getTimestamp(7);
                    return new Item(rs.getLong(1), NotificationKind.valueOf(rs.getString(2)), rs.getString(3),
                            json.readValue(rs.getString(4), ARGS), rs.getString(5), rs.getTimestamp(6).toInstant(),
                            read == null ? null : read.toInstant());
                })
                .list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** False when the notification is not this user's; marking one already read again changes nothing. */
    @RetryOnTransientFailure
    @Transactional
    boolean markRead(CurrentUser user, long id) {
        boolean mine = jdbc.sql("SELECT COUNT(*) FROM notification_inbox WHERE id = ? AND user_id = ? AND tenant_id <=> ?")
                .params(id, user.userId(), user.tenantId()).query(Long.class).single() == 1;
        if (mine) {
            jdbc.sql("UPDATE notification_inbox SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL")
                    .params(Timestamp.from(clock.instant()), id, user.userId()).update();
        }
        return mine;
    }

    @RetryOnTransientFailure
    @Transactional
    int markAllRead(CurrentUser user) {
        return jdbc.sql("UPDATE notification_inbox SET read_at = ? WHERE user_id = ? AND tenant_id <=> ? AND read_at IS NULL")
                .params(Timestamp.from(clock.instant()), user.userId(), user.tenantId()).update();
    }
}
