package cn.np700.portal.security.twofactor;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.verification.PersonalDataCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirmed TOTP enrolments and their recovery codes ({@link TotpEnrolment}). Recovery codes are kept only as SHA-256
 * (each has 50 random bits, so a hash cannot be reversed by guessing).
 */
@Component
public class TotpEnrolments {

    static final int RECOVERY_CODES = 10;
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TotpEnrolmentRecords records;
    private final JdbcAggregateOperations aggregates;
    private final PersonalDataCipher cipher;

    TotpEnrolments(TotpEnrolmentRecords records, JdbcAggregateOperations aggregates, PersonalDataCipher cipher) {
        this.records = records;
        this.aggregates = aggregates;
        this.cipher = cipher;
    }

    public boolean enrolled(long userId) {
        return records.existsById(userId);
    }

    Optional<byte[]> secret(long userId) {
        return records.findById(userId).map(enrolment -> Totp.fromBase32(cipher.decrypt(enrolment.secret())));
    }

    /** Stores a confirmed enrolment (replacing any earlier one) and returns its new recovery codes, in clear, once. */
    @RetryOnTransientFailure
    @Transactional
    public List<String> enrol(long userId, byte[] secret, long confirmedStep, Instant now) {
        remove(userId);
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        Set<TotpEnrolment.RecoveryCode> hashed = new HashSet<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = newRecoveryCode();
            codes.add(code);
            hashed.add(new TotpEnrolment.RecoveryCode(hash(code), null));
        }
        // the user's id is the enrolment's, so it is inserted as new rather than saved over a missing row
        aggregates.insert(new TotpEnrolment(userId, cipher.encrypt(Totp.base32(secret)), now, confirmedStep, hashed));
        return codes;
    }

    /** Whether this step is later than any accepted before; if so, it is now the last one accepted. */
    boolean acceptStep(long userId, long step) {
        return records.acceptStep(userId, step);
    }

    boolean useRecoveryCode(long userId, String typed, Instant now) {
        return records.useRecoveryCode(userId, hash(typed), now);
    }

    long recoveryCodesLeft(long userId) {
        return records.recoveryCodesLeft(userId);
    }

    /** Whether there was an enrolment to remove. */
    @RetryOnTransientFailure
    @Transactional
    boolean remove(long userId) {
        Optional<TotpEnrolment> enrolment = records.findByUserId(userId);
        enrolment.ifPresent(records::delete);
        return enrolment.isPresent();
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
