package cn.np700.portal.security.twofactor;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user's confirmed authenticator with its recovery codes, enrolled and removed whole. The secret is sealed with the
 * real-number key. The step last accepted and each code's use move only by the conditional UPDATEs of
 * {@link TotpEnrolmentRecords}, never by saving this aggregate again.
 */
@Table("user_totp")
record TotpEnrolment(@Id Long userId, byte[] secret, Instant enrolledAt, long lastUsedStep,
        @MappedCollection(idColumn = "user_id") Set<RecoveryCode> recoveryCodes) {

    /** A one-time recovery code, kept only as its SHA-256. */
    @Table("user_recovery_code")
    record RecoveryCode(String codeHash, Instant usedAt) {
    }
}
