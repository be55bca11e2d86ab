package cn.np700.portal.security.twofactor;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/** Accepting a step or a recovery code is one conditional UPDATE, so two nodes cannot both accept the same one. */
interface TotpEnrolmentRecords extends ListCrudRepository<TotpEnrolment, Long> {

    /** Locked, so that of two removals at once only one finds the enrolment (and is audited). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<TotpEnrolment> findByUserId(long userId);

    @Modifying
    @Query("UPDATE user_totp SET last_used_step = :step WHERE user_id = :userId AND last_used_step < :step")
    boolean acceptStep(long userId, long step);

    @Modifying
    @Query("UPDATE user_recovery_code SET used_at = :at WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL")
    boolean useRecoveryCode(long userId, String codeHash, Instant at);

    @Query("SELECT COUNT(*) FROM user_recovery_code WHERE user_id = :userId AND used_at IS NULL")
    long recoveryCodesLeft(long userId);
}
