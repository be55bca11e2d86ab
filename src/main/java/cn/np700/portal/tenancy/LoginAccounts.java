package cn.np700.portal.tenancy;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sign-in state of accounts (wrong passwords are counted by the security module, per address and username). */
@Component
public class LoginAccounts {

    private final JdbcClient jdbc;

    LoginAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LoginAccount> find(String username) {
        return query("u.username = ?", username == null ? "" : username.trim().toLowerCase());
    }

    public Optional<LoginAccount> find(long userId) {
        return query("u.id = ?", userId);
    }

    private Optional<LoginAccount> query(String condition, Object value) {
        return jdbc.sql("""
                SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.tenant_id, t.status AS tenant_status,
                       u.enabled, u.locked_until, u.must_change_password
                FROM user_account u LEFT JOIN tenant t ON t.id = u.tenant_id
                WHERE\s""" + condition)
                .param(value)
                .query((rs, n) -> new LoginAccount(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                        TenantId.orNull(rs.getObject("tenant_id", Long.class)),
                        rs.getString("tenant_status") == null ? null : TenantStatus.valueOf(rs.getString("tenant_status")),
                        rs.getBoolean("enabled"),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
                        rs.getBoolean("must_change_password")))
                .optional();
    }

    @RetryOnTransientFailure
    @Transactional
    public void recordSuccess(long userId, Instant now) {
        jdbc.sql("UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                .params(Timestamp.from(now), userId).update();
    }

    public List<String> usernamesOfTenant(TenantId tenant) {
        return jdbc.sql("SELECT username FROM user_account WHERE tenant_id = ?").param(tenant).query(String.class).list();
    }

    public boolean mustChangePassword(long userId) {
        return jdbc.sql("SELECT must_change_password FROM user_account WHERE id = ?").param(userId)
                .query(Boolean.class).optional().orElse(false);
    }
}
