package cn.np700.portal.tenancy.users;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.UserChanged;
import cn.np700.portal.tenancy.accounts.DuplicateValueException;
import cn.np700.portal.tenancy.accounts.NewAccount;
import cn.np700.portal.tenancy.accounts.OneTimePasswords;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserEvents;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.SqlWhere;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates users, enables and disables them, changes roles and resets passwords, always within one scope. */
@Service
class UserManagement {

    private final UserAccounts users;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserManagement(UserAccounts users, JdbcClient jdbc, PasswordEncoder encoder, ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    UserAccount get(UserScope scope, long id) {
        return scope.tenant().map(tenant -> users.findOfTenant(id, tenant)).orElseGet(() -> users.findOperator(id))
                .orElseThrow(() -> new NotFoundException("user " + id));
    }

    @RetryOnTransientFailure
    @Transactional
    NewAccount create(UserScope scope, UserForm form) {
        requireRoleInScope(scope, form.roleValue());
        String password = OneTimePasswords.generate();
        try {
            UserAccount user = users.save(UserAccount.create(scope.tenant().orElse(null), form.username(), form.displayName(),
                    encoder.encode(password), form.roleValue(), true, clock.instant()));
            events.publishEvent(UserEvents.created(user));
            return new NewAccount(user.id(), user.username(), password);
        } catch (DuplicateKeyException e) {
            throw DuplicateValueException.from(e);
        }
    }

    @RetryOnTransientFailure
    @Transactional
    void setEnabled(UserScope scope, CurrentUser actor, long id, boolean enabled) {
        UserAccount user = get(scope, id);
        if (user.enabled() == enabled) {
            return;
        }
        if (!enabled) {
            refuseOwnAccount(actor, user);
            refuseLastAdmin(scope, user);
        }
        users.save(user.withEnabled(enabled, clock.instant()));
        events.publishEvent(UserEvents.of(enabled ? UserChanged.Kind.USER_ENABLED : UserChanged.Kind.USER_DISABLED, user,
                Map.of()));
    }

    @RetryOnTransientFailure
    @Transactional
    void changeRole(UserScope scope, CurrentUser actor, long id, Role role) {
        requireRoleInScope(scope, role);
        UserAccount user = get(scope, id);
        if (user.role() == role) {
            return;
        }
        refuseOwnAccount(actor, user);
        if (user.role() == scope.adminRole()) {
            refuseLastAdmin(scope, user);
        }
        UserAccount saved = users.save(user.withRole(role, clock.instant()));
        events.publishEvent(UserEvents.of(UserChanged.Kind.USER_ROLE_CHANGED, saved, Map.of("from", user.role().name())));
    }

    @RetryOnTransientFailure
    @Transactional
    NewAccount resetPassword(UserScope scope, CurrentUser actor, long id) {
        UserAccount user = get(scope, id);
        refuseOwnAccount(actor, user);
        String password = OneTimePasswords.generate();
        users.save(user.withPassword(encoder.encode(password), true, clock.instant()));
        events.publishEvent(UserEvents.of(UserChanged.Kind.PASSWORD_RESET, user, Map.of()));
        return new NewAccount(user.id(), user.username(), password);
    }

    private static void requireRoleInScope(UserScope scope, Role role) {
        if (role == null || !scope.roles().contains(role)) {
            throw new UserRuleException("user.role.notAllowed");
        }
    }

    private static void refuseOwnAccount(CurrentUser actor, UserAccount user) {
        if (actor.userId() == user.id()) {
            throw new UserRuleException("user.ownAccount");
        }
    }

    /**
     * Writes every enabled admin of the scope (their {@code admin_checks}) and counts them: two admins who disable each
     * other at once write the same rows, so one waits for the other (one node) or fails certification and runs again
     * (a Galera cluster, where a locked read would not reach the other nodes), and then finds itself the last.
     */
    private void refuseLastAdmin(UserScope scope, UserAccount user) {
        if (user.role() != scope.adminRole() || !user.enabled()) {
            return;
        }
        SqlWhere where = scope.where().and("role = ?", scope.adminRole().name()).and("enabled = TRUE");
        int admins = jdbc.sql("UPDATE user_account SET admin_checks = admin_checks + 1" + where.sql())
                .params(where.params()).update();
        if (admins <= 1) {
            throw new UserRuleException("user.lastAdmin");
        }
    }
}
