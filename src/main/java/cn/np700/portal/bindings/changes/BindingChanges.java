package cn.np700.portal.bindings.changes;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingChanged;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.ConsentChecks;
import cn.np700.portal.bindings.rules.InputRules;
import cn.np700.portal.bindings.rules.PartyChecks;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Changes and ends live bindings: a new expiry, a new B on the same X (a courier reassigned), a new direction, or
 * unbinding. The binding row is locked first, so two changes to one binding apply one after the other.
 */
@Service
public class BindingChanges {

    private final Quotas quotas;
    private final PartyChecks parties;
    private final ConsentChecks consents;
    private final BindingLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BindingChanges(Quotas quotas, PartyChecks parties, ConsentChecks consents, BindingLedger ledger,
            ApplicationEventPublisher events, Clock clock) {
        this.quotas = quotas;
        this.parties = parties;
        this.consents = consents;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    public Binding change(TenantId tenantId, long id, ChangeInput input, Actor by, boolean verifyOnTheSpot) {
        Binding current = ledger.find(Scope.of(tenantId), id).orElseThrow(BindingChanges::notFound);
        TenantQuota quota = quotas.of(tenantId);
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
        SealedNumber newB = ledger.seal(b);
        ledger.transactionWithoutResult(status -> apply(tenantId, id, expiresAt, newB, b, direction, quota, by));
        return ledger.find(Scope.of(tenantId), id).orElseThrow();
    }

    private void apply(TenantId tenantId, long id, Instant expiresAt, SealedNumber newB, String typedB,
            Direction direction, TenantQuota quota, Actor by) {
        Instant now = clock.instant();
        if (newB != null) {
            // a new B is a new party: its consent is taken first, as a creation takes its parties'
            consents.require(tenantId, Map.of("b", newB), Map.of("b", typedB), List.of("b"), Map.of(), by, now);
        }
        BindingLedger.LiveBinding locked = ledger.lockLive(tenantId, id, now)
                .orElseThrow(() -> notLive(ledger.find(Scope.of(tenantId), id).orElseThrow(BindingChanges::notFound)));
        Map<String, Object> changes = new LinkedHashMap<>();
        List<BindingEnded> ended = new ArrayList<>();
        if (expiresAt != null && !expiresAt.equals(locked.expiresAt())) {
            ledger.changeExpiry(tenantId, id, expiresAt);
            changes.put("expiresAt", Map.of("from", locked.expiresAt().toString(), "to", expiresAt.toString()));
        }
        if (newB != null && !Arrays.equals(newB.hash(), locked.bHash())) {
            replaceB(tenantId, locked, newB, expiresAt != null ? expiresAt : locked.expiresAt(), quota, now, ended);
            changes.put("b", Map.of("from", locked.bMasked(), "to", newB.masked()));
        }
        if (direction != null && direction != locked.direction()) {
            ledger.changeDirection(tenantId, id, direction);
            changes.put("direction", Map.of("from", locked.direction().name(), "to", direction.name()));
        }
        if (changes.isEmpty()) {
            return;
        }
        ledger.touch(tenantId, id, now);
        ledger.releaseUsage(tenantId, ended.size());
        ended.forEach(events::publishEvent);
        events.publishEvent(new BindingChanged(id, tenantId, locked.x(), changes));
    }

    /** B moves on the same X, which A already knows: if the new B is on that X in another live binding, it cannot. */
    private void replaceB(TenantId tenantId, BindingLedger.LiveBinding locked, SealedNumber newB, Instant expiresAt,
            TenantQuota quota, Instant now, List<BindingEnded> ended) {
        if (Arrays.equals(newB.hash(), locked.aHash())) {
            throw new BindingRefusedException(RefusalCode.SAME_PARTY, "b", "binding.sameParty");
        }
        BindingLedger.MovedB moved = ledger.moveB(tenantId, locked, newB, expiresAt, quota.maxBPerAPerDay(), now);
        switch (moved.outcome()) {
            case NEW_B_ON_X -> throw new BindingRefusedException(RefusalCode.PARTY_ALREADY_ON_X, "b",
                    "binding.replaceB.partyOnX", cn.np700.portal.numbers.UsageNumber.display(locked.x()));
            case TOO_MANY_PEERS -> throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, "b",
                    "binding.quota.peers", quota.maxBPerAPerDay());
            case MOVED -> moved.endedOnTheWay().ifPresent(ended::add);
        }
    }

    /** Ends a binding of the tenant; a binding that has already ended is answered as it is (unbinding is idempotent). */
    public Binding unbind(TenantId tenantId, long id, Actor by, String reason) {
        Scope scope = Scope.of(tenantId);
        ledger.find(scope, id).orElseThrow(BindingChanges::notFound);
        endNow(scope, id, by, reason);
        return ledger.find(scope, id).orElseThrow();
    }

    /** Operators end any tenant's binding (their scope is the platform's), with a reason for the audit trail. */
    public Binding forceUnbind(Scope scope, long id, Actor operator, String reason) {
        ledger.find(scope, id).orElseThrow(BindingChanges::notFound);
        endNow(scope, id, operator, reason);
        return ledger.find(scope, id).orElseThrow();
    }

    private void endNow(Scope scope, long id, Actor by, String reason) {
        ledger.transactionWithoutResult(status -> ledger.unbind(scope, id, by.name(), reason, clock.instant())
                .ifPresent(ended -> {
                    ledger.releaseUsage(ended.tenantId(), 1);
                    events.publishEvent(ended);
                }));
    }

    public static BindingRefusedException notFound() {
        return new BindingRefusedException(RefusalCode.NOT_FOUND, null, "binding.notFound");
    }

    private static BindingRefusedException notLive(Binding binding) {
        return new BindingRefusedException(RefusalCode.NOT_LIVE, null, "binding.notLive",
                binding.status().name());
    }
}
