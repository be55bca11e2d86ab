package cn.np700.portal.consent;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records consents one number at a time (the API, the page, an import's line) and withdraws them: a withdrawal ends
 * the number's live bindings in the enterprise in its own transaction, then publishes {@link ConsentWithdrawn}. Every
 * change is audited. Another tenant's consent is not found, like a missing one.
 */
@Service
public class Consents {

    private final ConsentStore store;
    private final PersonalDataCipher cipher;
    private final NumberBindingsEnding bindings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Consents(ConsentStore store, PersonalDataCipher cipher, NumberBindingsEnding bindings,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.bindings = bindings;
        this.events = events;
        this.clock = clock;
    }

    /** The consent in force for the number, and whether this call recorded it (false: one was in force already). */
    public record Recorded(Consent consent, boolean created) {
    }

    /** {@code source}: where it came from, for the audit trail (API, PORTAL, IMPORT). */
    @RetryOnTransientFailure
    @Transactional
    public Recorded record(TenantId tenant, String by, String mobile, ConsentInput input, String source) {
        String digits = digits(mobile);
        Instant now = clock.instant();
        ConsentInput.Checked given = input.check(null, now);
        Optional<Long> id = recordChecked(tenant, by, null, digits, given, source);
        if (id.isPresent()) {
            return new Recorded(store.find(tenant, id.get()).orElseThrow().consent(), true);
        }
        return new Recorded(store.history(tenant, cipher.index(digits)).stream().filter(Consent::inForce).findFirst()
                .orElseThrow(), false);
    }

    /**
     * Records a checked consent in the caller's transaction, audited (as {@code actor} when no user is signed in);
     * empty when the number had one in force already.
     */
    Optional<Long> recordChecked(TenantId tenant, String by, AuditActor actor, String digits, ConsentInput.Checked given,
            String source) {
        String masked = PhoneNumbers.maskMobile(digits);
        Optional<Long> id = store.insertIfNone(tenant, cipher.encrypt(digits), cipher.index(digits), masked, given,
                clock.instant(), by);
        id.ifPresent(recorded -> events.publishEvent(recorded(recorded, tenant, masked, given, source, actor)));
        return id;
    }

    /** The consent as it is now, how many bindings its withdrawal ended, and whether this call withdrew it. */
    public record Withdrawal(Consent consent, int bindingsEnded, boolean withdrawnNow) {
    }

    /**
     * Withdraws the consent if it is in force (a withdrawn one is answered as it is) and ends the number's live bindings
     * in the enterprise. READ COMMITTED: the bindings are looked for after the consent's row was taken, so a creation
     * that held the row first and committed is seen, whatever this transaction read before.
     */
    @RetryOnTransientFailure
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Withdrawal withdraw(TenantId tenant, long id, String by) {
        ConsentStore.Stored stored = store.find(tenant, id).orElseThrow(ConsentRefusedException::notFound);
        Instant now = clock.instant();
        if (!store.withdraw(tenant, id, now, by)) {
            return new Withdrawal(stored.consent(), 0, false);
        }
        int ended = bindings.endLiveBindingsOf(tenant, stored.hash(), by);
        String masked = stored.consent().numberMasked();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", masked);
        details.put("bindingsEnded", ended);
        events.publishEvent(new ConsentChanged("CONSENT_WITHDRAWN", id, tenant, details));
        events.publishEvent(new ConsentWithdrawn(tenant, id, masked, now, ended));
        return new Withdrawal(store.find(tenant, id).orElseThrow().consent(), ended, true);
    }

    public Optional<Consent> find(TenantId tenant, long id) {
        return store.find(tenant, id).map(ConsentStore.Stored::consent);
    }

    /** A number's consents in the enterprise: the one in force (if any) and its history, newest first. */
    public record NumberState(String masked, Optional<Consent> inForce, List<Consent> history) {
    }

    public NumberState stateOf(TenantId tenant, String mobile) {
        String digits = digits(mobile);
        List<Consent> history = store.history(tenant, cipher.index(digits));
        return new NumberState(PhoneNumbers.maskMobile(digits), history.stream().filter(Consent::inForce).findFirst(),
                history);
    }

    /** The number's consent in force at {@code at} (the trace's question), by its keyed hash; empty for none. */
    public Optional<Consent> inForceAt(TenantId tenant, byte[] numberHash, Instant at) {
        return numberHash == null ? Optional.empty() : store.inForceAt(tenant, numberHash, at);
    }

    public Page<Consent> list(TenantId tenant, ConsentFilter filter, SortOrder sort, PageQuery page) {
        SqlWhere where = new SqlWhere().and("tenant_id = ?", tenant);
        if (filter.inForceOnly()) {
            where.and("in_force = 1");
        } else if (filter.withdrawnOnly()) {
            where.and("in_force IS NULL");
        }
        filter.channelValue().ifPresent(channel -> where.and("channel = ?", channel.name()));
        filter.digits().ifPresent(digits -> where.and("number_hash = ?", (Object) cipher.index(digits)));
        return store.page(where, sort, page);
    }

    /** The tenant's consents in force recorded by {@code by} (the seed's loaders count what they made). */
    public long inForceRecordedBy(TenantId tenant, String by) {
        return store.recordedBy(tenant, by);
    }

    static ConsentChanged recorded(long id, TenantId tenant, String masked, ConsentInput.Checked given, String source,
            AuditActor actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", masked);
        details.put("channel", given.channel().name());
        if (given.evidence() != null) {
            details.put("evidence", given.evidence());
        }
        details.put("grantedAt", given.grantedAt().toString());
        details.put("source", source);
        return new ConsentChanged("CONSENT_RECORDED", id, tenant, details, actor);
    }

    static String digits(String mobile) {
        return PhoneNumbers.normalizeMobile(mobile).orElseThrow(() -> new ConsentRefusedException(
                ConsentRefusedException.Code.INVALID_NUMBER, "mobile", "consent.mobile.invalid"));
    }
}
