package cn.np700.portal.tenancy.passwords;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.tenancy.CurrentPasswordGuesses;
import cn.np700.portal.tenancy.UserChanged;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.accounts.UserEvents;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/** A user replacing their own password (also the forced change after a one-time password). */
@Service
class PasswordChanges {

    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final CurrentPasswordGuesses guesses;
    private final Clock clock;

    PasswordChanges(UserAccounts users, PasswordEncoder encoder, ApplicationEventPublisher events,
            CurrentPasswordGuesses guesses, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.guesses = guesses;
        this.clock = clock;
    }

    /** Changes the password, or leaves everything as it was and reports each problem on its field. */
    @RetryOnTransientFailure
    @Transactional
    boolean change(long userId, PasswordForm form, Errors errors) {
        UserAccount user = users.findById(userId).orElseThrow();
        if (!errors.hasFieldErrors("newPassword")) {
            PasswordPolicy.violation(form.newPassword(), user.username())
                    .ifPresent(code -> errors.rejectValue("newPassword", code));
        }
        if (!errors.hasFieldErrors("newPassword") && form.newPassword().equals(form.currentPassword())) {
            errors.rejectValue("newPassword", "password.sameAsCurrent");
        }
        if (!errors.hasFieldErrors("confirmPassword") && !form.confirmPassword().equals(form.newPassword())) {
            errors.rejectValue("confirmPassword", "password.mismatch");
        }
        // the current password is tried only for an otherwise valid change: a malformed form is no guess, counts
        // against nobody's limit and costs no bcrypt check
        if (!errors.hasErrors()) {
            if (guesses.paused(userId)) {
                errors.rejectValue("currentPassword", "password.tooManyGuesses");
            } else if (encoder.matches(form.currentPassword(), user.passwordHash())) {
                guesses.right(userId);
            } else {
                guesses.wrong(userId, user.username(), user.tenantId());
                errors.rejectValue("currentPassword", "password.currentWrong");
            }
        }
        if (errors.hasErrors()) {
            return false;
        }
        users.save(user.withPassword(encoder.encode(form.newPassword()), false, clock.instant()));
        events.publishEvent(UserEvents.of(UserChanged.Kind.PASSWORD_CHANGED, user, Map.of()));
        return true;
    }
}
