package cn.np700.portal.security.twofactor;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.verification.PersonalDataCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirmed TOTP enrolments and their recovery codes. The secret is encrypted at rest with the real-number key;
 * recovery codes are kept only as SHA-256 (each has 50 random bits, so a hash cannot be reversed by guessing).
 * Accepting a step or a recovery code is one conditional UPDATE, so two nodes cannot both accept the same one.
 */
@Component
public class TotpEnrolments {

    static final int RECOVERY_CODES = 10;
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    TotpEnrolments(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public boolean enrolled(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_totp WHERE user_id = ?").param(userId).query(Long.class).single() > 0;
    }

    Optional<byte[]> secret(long userId) {
        return jdbc.sql("SELECT secret FROM user_totp WHERE user_id = ?").param(userId).query(byte[].class).optional()
                .map(sealed -> Totp.fromBase32(cipher.decrypt(sealed)));
    }

    /** Stores a confirmed enrolment (replacing any earlier one) and returns its new recovery codes, in clear, once. */
    @RetryOnTransientFailure
    @Transactional
    public List<String> enrol(long userId, byte[] secret, long confirmedStep, Instant now) {
        remove(userId);
        jdbc.sql("INSERT INTO user_totp (user_id, secret, enrolled_at, last_used_step) VALUES (?, ?, ?, ?)")
                .params(userId, cipher.encrypt(Totp.base32(secret)), Timestamp.from(now), confirmedStep).update();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = newRecoveryCode();
            codes.add(code);
            jdbc.sql("INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?, ?)").params(userId, hash(code)).update();
        }
        return codes;
    }

    /** Whether this step is later than any accepted before; if so, it is now the last one accepted. */
    boolean acceptStep(long userId, long step) {
        return jdbc.sql("UPDATE user_totp SET last_used_step = ? WHERE user_id = ? AND last_used_step < ?")
                .params(step, userId, step).update() == 1;
    }

    boolean useRecoveryCode(long userId, String typed, Instant now) {
        return jdbc.sql("UPDATE user_recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(Timestamp.from(now), userId, hash(typed)).update() == 1;
    }

    long recoveryCodesLeft(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_recovery_code WHERE user_id = ? AND used_at IS NULL").param(userId)
                .query(Long.class).single();
    }

    /** Whether there was an enrolment to remove. */
    @RetryOnTransientFailure
    @Transactional
    boolean remove(long userId) {
        jdbc.sql("DELETE FROM user_recovery_code WHERE user_id = ?").param(userId).update();
        return jdbc.sql("DELETE FROM user_totp WHERE user_id = ?").param(userId).update() > 0;
    }

    static boolean looksLikeRecoveryCode(String typed) {
        return typed != null && typed.strip().length() == 11 && typed.strip().charAt(5) == '-';
    }

    private static String newRecoveryCode() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(code.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
