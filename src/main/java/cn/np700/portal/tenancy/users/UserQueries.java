package cn.np700.portal.tenancy.users;

import cn.np700.portal.tenancy.Role;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The user list of one scope, filtered, sorted and paged in SQL. */
@Component
public class UserQueries {

    public static final Map<String, String> SORTS = Map.of("username", "username", "name", "display_name", "role", "role",
            "created", "created_at", "lastLogin", "last_login_at");

    private final JdbcClient jdbc;
    private final Clock clock;

    UserQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Page<UserRow> find(UserScope scope, String q, Role role, SortOrder sort, PageQuery page) {
        SqlWhere where = scope.where();
        if (q != null && !q.isBlank()) {
            String like = SqlWhere.contains(q.trim());
            where.and("username LIKE ? OR display_name LIKE ?", like, like);
        }
        if (role != null) {
            where.and("role = ?", role.name());
        }
        Timestamp now = Timestamp.from(clock.instant());
        return where.page(jdbc, "SELECT COUNT(*) FROM user_account" + where.sql(), """
                SELECT id, username, display_name, role, enabled, must_change_password, locked_until, last_login_at, created_at
                FROM user_account""" + where.sql() + " ORDER BY " + sort.sql() + ", id LIMIT ? OFFSET ?", page,
                (rs, n) -> {
                    Timestamp locked = rs.getTimestamp("locked_until");
                    Timestamp last = rs.getTimestamp("last_login_at");
                    return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), locked != null && locked.after(now),
                            rs.getBoolean("must_change_password"), last == null ? null : last.toInstant(),
                            rs.getTimestamp("created_at").toInstant());
                });
    }
}
