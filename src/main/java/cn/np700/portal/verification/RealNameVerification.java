package cn.np700.portal.verification;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.verifiers.RealNameVerifier;
import cn.np700.portal.verification.verifiers.VerifierAnswer;
import cn.np700.portal.verification.verifiers.VerifierQuestion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a number with the configured verifier and keeps the result for the tenant: the number encrypted and
 * hashed, the name masked, the ID number hashed, nothing else. A VERIFIED result stays valid for a set period.
 */
@Service
public class RealNameVerification {

    public static final String SELECT = """
            SELECT id, tenant_id, mobile_masked, name_masked, id_hash, outcome, detail, checked_at, valid_until, checked_by, source
            FROM verification_record""";

    private final RealNameVerifier verifier;
    private final PersonalDataCipher cipher;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final VerificationSettings settings;
    private final Clock clock;

    RealNameVerification(RealNameVerifier verifier, PersonalDataCipher cipher, JdbcClient jdbc,
            TransactionTemplate tx, TransientFailureRetry retry,
            ApplicationEventPublisher events, VerificationSettings settings, Clock clock) {
        this.verifier = verifier;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** What is checked, already validated: an 11-digit mobile, and a name with an ID number or neither. */
    public record Subject(String mobile, String name, String idNumber) {
    }

    /** Asks the verifier outside any transaction (it may take seconds), then stores the answer. */
    public Verification check(TenantId tenant, String checkedBy, VerificationSource source, Subject subject) {
        Asked asked = ask(subject);
        return retry.inTransaction(tx, status -> store(tenant, null, checkedBy, source, asked, null));
    }

    /** A verifier's answer about a subject, not stored yet. */
    public record Asked(Subject subject, VerifierAnswer answer) {
    }

    /** Asks the verifier; writes nothing, so call it outside any transaction and as often as needed. */
    public Asked ask(Subject subject) {
        return new Asked(subject, verifier.verify(new VerifierQuestion(UUID.randomUUID().toString(), subject.mobile(),
                subject.name(), subject.idNumber())));
    }

    /**
     * Stores an answer with its audit entry, in the caller's transaction: {@code actor} names who the entry is for when
     * that is not the signed-in user (a background run's starter), {@code runId} the run the check belongs to, if any.
     */
    public Verification store(TenantId tenant, AuditActor actor, String checkedBy, VerificationSource source, Asked asked,
            Long runId) {
        Subject subject = asked.subject();
        VerifierAnswer answer = asked.answer();
        Instant now = clock.instant();
        Instant validUntil = answer.outcome() == VerificationOutcome.VERIFIED ? now.plus(settings.validFor()) : null;
        String masked = PhoneNumbers.maskMobile(subject.mobile());
        String nameMasked = maskName(subject.name());
        boolean three = subject.name() != null;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO verification_record (tenant_id, mobile_cipher, mobile_hash, mobile_masked, name_masked,
                    id_hash, outcome, detail, checked_at, valid_until, checked_by, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant, cipher.encrypt(subject.mobile()), cipher.index(subject.mobile()), masked, nameMasked,
                        three ? cipher.index("id:" + subject.idNumber()) : null, answer.outcome().name(), answer.detail(),
                        Timestamp.from(now), validUntil == null ? null : Timestamp.from(validUntil), checkedBy,
                        source.name())
                .update(key, "id");
        long id = key.getKey().longValue();
        events.publishEvent(new NumberVerified(id, tenant, masked, answer.outcome(), three, source, actor, runId));
        return new Verification(id, tenant, masked, nameMasked, three, answer.outcome(), answer.detail(), now, validUntil,
                checkedBy, source);
    }

    /** The tenant's latest VERIFIED result for this number that has not expired: what a binding needs. */
    public Optional<Verification> currentlyVerified(TenantId tenant, String mobile) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND mobile_hash = ? AND outcome = 'VERIFIED' AND valid_until > ? "
                        + "ORDER BY checked_at DESC LIMIT 1")
                .params(tenant, cipher.index(mobile), Timestamp.from(clock.instant()))
                .query(RealNameVerification::map).optional();
    }

    /** Those of {@code mobiles} that hold a current VERIFIED result of the tenant, in one query. */
    public Set<String> verifiedAmong(TenantId tenant, Collection<String> mobiles) {
        Map<String, String> byHash = new HashMap<>();
        for (String mobile : mobiles) {
            byHash.put(HexFormat.of().formatHex(cipher.index(mobile)), mobile);
        }
        if (byHash.isEmpty()) {
            return Set.of();
        }
        List<byte[]> hashes = byHash.keySet().stream().map(HexFormat.of()::parseHex).toList();
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        params.addAll(hashes);
        params.add(Timestamp.from(clock.instant()));
        String in = String.join(", ", Collections.nCopies(hashes.size(), "?"));
        return jdbc.sql("SELECT DISTINCT mobile_hash FROM verification_record WHERE tenant_id = ? AND mobile_hash IN (" + in
                        + ") AND outcome = 'VERIFIED' AND valid_until > ?")
                .params(params)
                .query((rs, n) -> byHash.get(HexFormat.of().formatHex(rs.getBytes(1))))
                .set();
    }

    /** 张*, 欧阳** : the first character and one star for each other. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        int first = trimmed.offsetByCodePoints(0, 1);
        return trimmed.substring(0, first) + "*".repeat(trimmed.codePointCount(first, trimmed.length()));
    }

    public static Verification map(ResultSet rs, int n) throws SQLException {
        Timestamp valid = rs.getTimestamp("valid_until");
        return new Verification(rs.getLong("id"), TenantId.of(rs.getLong("tenant_id")), rs.getString("mobile_masked"), rs.getString("name_masked"),
                rs.getBytes("id_hash") != null, VerificationOutcome.valueOf(rs.getString("outcome")), rs.getString("detail"),
                rs.getTimestamp("checked_at").toInstant(), valid == null ? null : valid.toInstant(),
                rs.getString("checked_by"), VerificationSource.valueOf(rs.getString("source")));
    }
}
