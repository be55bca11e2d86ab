package cn.np700.portal.notifications.centre;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.notifications.delivery.NotificationKind;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user's notifications. Every statement is scoped by the user and their side together (their tenant, or none for
 * an operator), so another user's notification is simply not found.
 */
@Component
class Inbox {

    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {
    };

    // hand-written: read marks are set in bulk (all of a user's at once), scoped by user and side in the statement
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

    /**
     * Whose inbox rows: the user's, on their side. A tenant's user's rows (and the notifications they point at) carry
     * the tenant; an operator's carry none, the platform's notifications belonging to no tenant.
     */
    record Owner(long userId, Optional<TenantId> tenant) {

        static Owner of(CurrentUser user) {
            return new Owner(user.userId(), user.scope().tenant());
        }

        /** {@code user_id = ? AND tenant_id = ?} (or {@code IS NULL}) on the inbox row {@code alias}. */
        String rows(String alias) {
            return alias + "user_id = ? AND " + side(alias);
        }

        /** The tenant condition alone, for the notification a row points at. */
        String side(String alias) {
            return alias + (tenant.isPresent() ? "tenant_id = ?" : "tenant_id IS NULL");
        }

        /** The parameters of {@code rows}, after {@code before}. */
        List<Object> rowParams(Object... before) {
            List<Object> params = new ArrayList<>(Arrays.asList(before));
            params.add(userId);
            tenant.ifPresent(params::add);
            return params;
        }
    }

    long unread(CurrentUser user) {
        Owner owner = Owner.of(user);
        return jdbc.sql("SELECT COUNT(*) FROM notification_inbox WHERE " + owner.rows("") + " AND read_at IS NULL")
                .params(owner.rowParams()).query(Long.class).single();
    }

    Page<Item> page(CurrentUser user, boolean unreadOnly, PageQuery page) {
        Owner owner = Owner.of(user);
        String where = " WHERE " + owner.rows("i.") + (unreadOnly ? " AND i.read_at IS NULL" : "");
        long total = jdbc.sql("SELECT COUNT(*) FROM notification_inbox i" + where)
                .params(owner.rowParams()).query(Long.class).single();
        List<Object> params = owner.rowParams();
        owner.tenant().ifPresent(params::add);
        params.add(page.size());
        params.add(page.offset());
        List<Item> items = jdbc.sql("""
                SELECT i.id, n.kind, n.message_key, n.args, n.link, n.created_at, i.read_at
                FROM notification_inbox i JOIN notification n ON n.id = i.notification_id""" + where
                        + " AND " + owner.side("n.") + " ORDER BY i.id DESC LIMIT ? OFFSET ?")
                .params(params)
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
        Owner owner = Owner.of(user);
        boolean mine = jdbc.sql("SELECT COUNT(*) FROM notification_inbox WHERE id = ? AND " + owner.rows(""))
                .params(owner.rowParams(id)).query(Long.class).single() == 1;
        if (mine) {
            jdbc.sql("UPDATE notification_inbox SET read_at = ? WHERE id = ? AND " + owner.rows("") + " AND read_at IS NULL")
                    .params(owner.rowParams(Timestamp.from(clock.instant()), id)).update();
        }
        return mine;
    }

    @RetryOnTransientFailure
    @Transactional
    int markAllRead(CurrentUser user) {
        Owner owner = Owner.of(user);
        return jdbc.sql("UPDATE notification_inbox SET read_at = ? WHERE " + owner.rows("") + " AND read_at IS NULL")
                .params(owner.rowParams(Timestamp.from(clock.instant()))).update();
    }
}
