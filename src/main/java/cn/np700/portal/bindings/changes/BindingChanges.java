package cn.np700.portal.bindings.changes;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingChanged;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.ledger.BindingEnding;
import cn.np700.portal.bindings.ledger.BindingStore;
import cn.np700.portal.bindings.ledger.PeerQuota;
import cn.np700.portal.bindings.ledger.Slots;
import cn.np700.portal.bindings.ledger.TenantBindingUsage;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.InputRules;
import cn.np700.portal.bindings.rules.PartyChecks;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes and ends live bindings: a new expiry, a new B on the same X (a courier reassigned), a new direction, or
 * unbinding. The binding row is locked first, so two changes to one binding apply one after the other.
 */
@Service
public class BindingChanges {

    private final Quotas quotas;
    private final PartyChecks parties;
    private final PersonalDataCipher crypto;
    private final BindingStore store;
    private final Slots slots;
    private final PeerQuota peers;
    private final BindingEnding ending;
    private final TenantBindingUsage usage;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final PlatformCalendar calendar;
    private final Clock clock;

    BindingChanges(Quotas quotas, PartyChecks parties, PersonalDataCipher crypto, BindingStore store, Slots slots,
            PeerQuota peers, BindingEnding ending, TenantBindingUsage usage, JdbcClient jdbc,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, TransientFailureRetry retry,
            PlatformCalendar calendar, Clock clock) {
        this.quotas = quotas;
        this.parties = parties;
        this.crypto = crypto;
        this.store = store;
        this.slots = slots;
        this.peers = peers;
        this.ending = ending;
        this.usage = usage;
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Binding change(TenantId tenantId, long id, ChangeInput input, Actor by, boolean verifyOnTheSpot) {
        Binding current = store.find(Scope.of(tenantId), id).orElseThrow(BindingChanges::notFound);
        TenantQuota quota = quotas.of(tenantId.value());
        Instant now = clock.instant();
        InputRules rules = new InputRules();
        Instant expiresAt = rules.expiry(input.expiresInSeconds(), input.expiresAt(), quota.maxBindingLifetime(), now, false);
        String b = rules.number("b", input.b(), false);
        Direction direction = input.direction() == null || input.direction().isBlank() ? null
                : rules.direction(input.direction());
        boolean hasExpiry = input.expiresInSeconds() != null || (input.expiresAt() != null && !input.expiresAt().isBlank());
        boolean hasB = input.b() != null && !input.b().isBlank();
        boolean hasDirection = input.direction() != null && !input.direction().isBlank();
        if (!hasExpiry && !hasB && !hasDirection) {
            rules.add(RefusalCode.INVALID_CHANGE, null, "binding.change.nothing");
        }
        if (hasB && current.mode() == BindingMode.AXN) {
            rules.add(RefusalCode.INVALID_CHANGE, "b", "binding.change.bOnAxn");
        }
        rules.throwIfAny();
        if (!current.live()) {
            throw notLive(current);
        }
        if (b != null) {
            parties.requireNotBlacklisted(tenantId, Map.of("b", b));
            parties.requireVerified(tenantId, Map.of("b", b), by, verifyOnTheSpot);
        }
        SealedNumber newB = SealedNumber.of(b, crypto);
        retry.inTransactionWithoutResult(tx, status -> apply(tenantId, id, expiresAt, newB, direction, quota));
        return store.find(Scope.of(tenantId), id).orElseThrow();
    }

    private void apply(TenantId tenantId, long id, Instant expiresAt, SealedNumber newB, Direction direction, TenantQuota quota) {
        Instant now = clock.instant();
        Locked locked = lockLive(tenantId, id, now);
        Map<String, Object> changes = new LinkedHashMap<>();
        List<BindingEnded> ended = new ArrayList<>();
        if (expiresAt != null && !expiresAt.equals(locked.expiresAt())) {
            jdbc.sql("UPDATE binding SET expires_at = ? WHERE id = ? AND tenant_id = ?").params(Timestamp.from(expiresAt), id, tenantId)
                    .update();
            slots.extend(id, expiresAt);
            changes.put("expiresAt", Map.of("from", locked.expiresAt().toString(), "to", expiresAt.toString()));
        }
        if (newB != null && !Arrays.equals(newB.hash(), locked.bHash())) {
            replaceB(tenantId, locked, newB, expiresAt != null ? expiresAt : locked.expiresAt(), quota, now, ended);
            changes.put("b", Map.of("from", locked.bMasked(), "to", newB.masked()));
        }
        if (direction != null && direction != locked.direction()) {
            jdbc.sql("UPDATE binding SET direction = ? WHERE id = ? AND tenant_id = ?").params(direction.name(), id, tenantId)
                    .update();
            changes.put("direction", Map.of("from", locked.direction().name(), "to", direction.name()));
        }
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE binding SET updated_at = ? WHERE id = ? AND tenant_id = ?").params(Timestamp.from(now), id, tenantId)
                .update();
        usage.giveBack(tenantId, ended.size());
        ended.forEach(events::publishEvent);
        events.publishEvent(new BindingChanged(id, tenantId, locked.x(), changes));
    }

    /** B moves on the same X, which A already knows: if the new B is on that X in another live binding, it cannot. */
    private void replaceB(TenantId tenantId, Locked locked, SealedNumber newB, Instant expiresAt, TenantQuota quota, Instant now,
            List<BindingEnded> ended) {
        if (Arrays.equals(newB.hash(), locked.aHash())) {
            throw new BindingRefusedException(RefusalCode.SAME_PARTY, "b", "binding.sameParty");
        }
        slots.releaseOne(locked.x(), locked.bHash(), locked.id());
        Optional<Long> holder = slots.claim(locked.x(), newB.hash(), locked.id(), expiresAt);
        if (holder.isPresent()) {
            Optional<BindingEnded> expired = ending.end(Scope.of(tenantId), holder.get(), BindingStatus.EXPIRED, "system",
                    "EXPIRED", now, true);
            if (expired.isEmpty() || slots.claim(locked.x(), newB.hash(), locked.id(), expiresAt).isPresent()) {
                throw new BindingRefusedException(RefusalCode.PARTY_ALREADY_ON_X, "b", "binding.replaceB.partyOnX",
                        cn.np700.portal.numbers.UsageNumber.display(locked.x()));
            }
            ended.add(expired.get());
        }
        LocalDate today = calendar.dayOf(now);
        if (!peers.count(tenantId, locked.aHash(), newB.hash(), today, quota.maxBPerAPerDay())) {
            throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, "b", "binding.quota.peers", quota.maxBPerAPerDay());
        }
        jdbc.sql("UPDATE binding SET b_cipher = ?, b_hash = ?, b_masked = ? WHERE id = ? AND tenant_id = ?")
                .params(newB.cipher(), newB.hash(), newB.masked(), locked.id(), tenantId).update();
    }

    /** Ends a binding of the tenant; a binding that has already ended is answered as it is (unbinding is idempotent). */
    public Binding unbind(TenantId tenantId, long id, Actor by, String reason) {
        Scope scope = Scope.of(tenantId);
        store.find(scope, id).orElseThrow(BindingChanges::notFound);
        endNow(scope, id, by, reason);
        return store.find(scope, id).orElseThrow();
    }

    /** Operators end any tenant's binding (their scope is the platform's), with a reason for the audit trail. */
    public Binding forceUnbind(Scope scope, long id, Actor operator, String reason) {
        store.find(scope, id).orElseThrow(BindingChanges::notFound);
        endNow(scope, id, operator, reason);
        return store.find(scope, id).orElseThrow();
    }

    private void endNow(Scope scope, long id, Actor by, String reason) {
        retry.inTransactionWithoutResult(tx, status -> ending.end(scope, id, BindingStatus.UNBOUND, by.name(), reason,
                        clock.instant(), false)
                .ifPresent(ended -> {
                    usage.giveBack(ended.tenantId(), 1);
                    events.publishEvent(ended);
                }));
    }

    private record Locked(long id, long x, BindingMode mode, byte[] aHash, byte[] bHash, String bMasked,
            Direction direction, Instant expiresAt) {
    }

    private Locked lockLive(TenantId tenantId, long id, Instant now) {
        return jdbc.sql("""
                SELECT id, x, mode, a_hash, b_hash, b_masked, direction, expires_at FROM binding
                WHERE id = ? AND tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at > ? FOR UPDATE""")
                .params(id, tenantId, Timestamp.from(now))
                .query((rs, n) -> new Locked(rs.getLong(1), rs.getLong(2), BindingMode.valueOf(rs.getString(3)),
                        rs.getBytes(4), rs.getBytes(5), rs.getString(6), Direction.valueOf(rs.getString(7)),
                        rs.getTimestamp(8).toInstant()))
                .optional()
                .orElseThrow(() -> notLive(store.find(Scope.of(tenantId), id).orElseThrow(BindingChanges::notFound)));
    }

    public static BindingRefusedException notFound() {
        return new BindingRefusedException(RefusalCode.NOT_FOUND, null, "binding.notFound");
    }

    private static BindingRefusedException notLive(Binding binding) {
        return new BindingRefusedException(RefusalCode.NOT_LIVE, null, "binding.notLive",
                binding.status().name());
    }
}
