package cn.np700.portal.bindings.creation;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingCreated;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.BindingRequest;
import cn.np700.portal.bindings.rules.ConsentChecks;
import cn.np700.portal.bindings.rules.InputRules;
import cn.np700.portal.bindings.rules.PartyChecks;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;

/**
 * Creates bindings. Everything that can race is settled by the database inside one transaction: the parties'
 * consents (taken by a conditional UPDATE, so a withdrawal committed first refuses the creation), the orderRef's
 * unique key, the (X, real number) slots, the X's pair counter and the tenant's quota counters. Locks are taken in
 * one order (binding row, slots, X, peers, tenant usage, consents); AXN and AXB creations racing for one X still
 * deadlock on the slots, as may a creation and a withdrawal of the same number (which takes the consent first, the
 * tenant's usage last), and the victim's whole transaction runs again under {@link TransientFailureRetry}.
 */
@Service
public class BindingCreation {

    private static final int CANDIDATES = 8;

    private final Quotas quotas;
    private final PartyChecks parties;
    private final ConsentChecks consents;
    private final BindingLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BindingCreation(Quotas quotas, PartyChecks parties, ConsentChecks consents, BindingLedger ledger,
            ApplicationEventPublisher events, Clock clock) {
        this.quotas = quotas;
        this.parties = parties;
        this.consents = consents;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** The binding, and whether it already existed (a repeat of a live binding's orderRef with the same parties). */
    public record Created(Binding binding, boolean repeated) {
    }

    public Created bind(TenantId tenantId, Actor by, BindingInput input, boolean verifyOnTheSpot) {
        TenantQuota quota = quotas.limitsOf(tenantId);
        BindingRequest request = InputRules.check(input, quota.maxBindingLifetime(), clock.instant());
        Sealed sealed = new Sealed(ledger.seal(request.a()), ledger.seal(request.b()), ledger.seal(request.n()));
        // A repeat of a live binding's orderRef is found by the binding's INSERT (the orderRef's unique key), not by a
        // read before every creation; it is looked for first only where the creation would otherwise verify a number
        // on the spot or refuse, so that a repeat is answered as one whatever changed since.
        Map<String, String> typed = PartyChecks.of(request);
        if (!parties.allVerified(tenantId, typed)) {
            Held held = holderOf(tenantId, request, sealed);
            if (held.repeat().isPresent()) {
                return held.repeat().get();
            }
            parties.requireVerified(tenantId, typed, by, verifyOnTheSpot);
        }
        ledger.prepareUsage(tenantId, clock.instant());
        while (true) {
            try {
                return new Created(createOnAFreeX(tenantId, quota, request, sealed, by), false);
            } catch (BindingLedger.OrderRefTaken e) {
                Held held = holderOf(tenantId, request, sealed);
                if (held.repeat().isPresent()) {
                    return held.repeat().get();
                }
            } catch (BindingRefusedException refused) {
                Held held = holderOf(tenantId, request, sealed);
                if (held.repeat().isPresent()) {
                    return held.repeat().get();
                }
                if (!held.endedPastExpiry()) {
                    throw refused;
                }
            }
        }
    }

    /**
     * The X candidates of one creation, found by the first transaction, and how far the transactions got through them.
     */
    private static final class Tries {
        List<Long> candidates;
        int next;
        BindingLedger.Opening last;

        boolean exhausted() {
            return candidates != null && next >= candidates.size();
        }
    }

    /**
     * One transaction per X tried: an X that cannot take the binding (a party already on it, or full, both rare since
     * the scan skips them) rolls the whole transaction back, its opening being the transaction's first write, and the
     * next candidate gets a transaction of its own. Savepoints around each X cost two round trips on every creation
     * for what is needed on few.
     */
    private Binding createOnAFreeX(TenantId tenantId, TenantQuota quota, BindingRequest request, Sealed sealed, Actor by) {
        Tries tries = new Tries();
        while (true) {
            Binding made = ledger.transaction(status -> create(status, tries, tenantId, quota, request, sealed, by));
            if (made != null) {
                return made;
            }
            if (tries.exhausted()) {
                throw refusal(tenantId, request, tries.last, quota);
            }
        }
    }

    private record Sealed(SealedNumber a, SealedNumber b, SealedNumber n) {

        Map<String, SealedNumber> byField() {
            Map<String, SealedNumber> parties = new LinkedHashMap<>();
            parties.put("a", a);
            parties.put("b", b);
            parties.put("n", n);
            return parties;
        }

        List<byte[]> partyHashes() {
            return b == null ? List.of(a.hash()) : List.of(a.hash(), b.hash());
        }
    }

    /** The repeat the request is, if any; and whether a holder of its orderRef past its expiry was ended. */
    private record Held(Optional<Created> repeat, boolean endedPastExpiry) {

        static final Held NONE = new Held(Optional.empty(), false);
    }

    /** A live binding holding the request's orderRef answers the repeat; one past its expiry is ended first. */
    private Held holderOf(TenantId tenantId, BindingRequest request, Sealed sealed) {
        if (request.orderRef() == null) {
            return Held.NONE;
        }
        Optional<BindingLedger.OrderRefHolder> holder = ledger.holderOf(tenantId, request.orderRef(), request.mode(),
                sealed.a(), sealed.b(), sealed.n());
        if (holder.isEmpty()) {
            return Held.NONE;
        }
        Binding existing = holder.get().binding();
        if (!existing.live()) {
            expireNow(tenantId, existing.id());
            return new Held(Optional.empty(), true);
        }
        if (!holder.get().sameParties()) {
            throw new BindingRefusedException(RefusalCode.ORDER_REF_CONFLICT, "orderRef", "binding.orderRef.conflict",
                    existing.id());
        }
        return new Held(Optional.of(new Created(existing, true)), false);
    }

    private void expireNow(TenantId tenantId, long bindingId) {
        ledger.transactionWithoutResult(status -> {
            Instant now = clock.instant();
            ledger.expireIfDue(Scope.of(tenantId), bindingId, now).ifPresent(ended -> {
                ledger.releaseUsage(tenantId, 1);
                events.publishEvent(ended);
            });
        });
    }

    /** Null when the X tried cannot take the binding: the transaction is then rolled back. */
    private Binding create(TransactionStatus status, Tries tries, TenantId tenantId, TenantQuota quota,
            BindingRequest request, Sealed sealed, Actor by) {
        Instant now = clock.instant();
        if (tries.candidates == null) {
            tries.candidates = candidates(tenantId, quota, request, sealed, now);
        }
        // advanced only once this X is known not to take it: a deadlock's victim runs again on the same X
        long x = tries.candidates.get(tries.next);
        // a caller's transaction joined is not ours to roll back: there the X is tried within a savepoint
        Object savepoint = status.isNewTransaction() ? null : status.createSavepoint();
        BindingLedger.Opening last = ledger.open(x, tenantId, request, sealed.a(), sealed.b(), sealed.n(), by,
                quota.maxPairsPerX(), now);
        tries.last = last;
        if (!last.opened()) {
            tries.next++;
            if (savepoint == null) {
                status.setRollbackOnly();
            } else {
                status.rollbackToSavepoint(savepoint);
            }
            return null;
        }
        if (savepoint != null) {
            status.releaseSavepoint(savepoint);
        }
        List<BindingEnded> endedOnTheWay = new ArrayList<>(last.endedOnTheWay());
        Instant today = clock.instant();
        if (request.mode() == BindingMode.AXB
                && !ledger.countPeer(tenantId, sealed.a().hash(), sealed.b().hash(), today, quota.maxBPerAPerDay())) {
            throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, "b", "binding.quota.peers",
                    quota.maxBPerAPerDay());
        }
        takeUsage(tenantId, quota, today, now, endedOnTheWay);
        // last: the consent rows are held only for the end of the transaction, so that creations for one number queue
        // on them no longer than on the tenant's usage row, which they take just before
        consents.require(tenantId, sealed.byField(), PartyChecks.of(request),
                BindingRequest.consentedParties(request.mode()), request.consent(), by, now);
        endedOnTheWay.forEach(events::publishEvent);
        Binding made = last.binding();
        events.publishEvent(new BindingCreated(made, by.apiKeyId()));
        return made;
    }

    private List<Long> candidates(TenantId tenantId, TenantQuota quota, BindingRequest request, Sealed sealed, Instant now) {
        if (request.x() == null) {
            List<Long> found = ledger.candidates(tenantId, request.mode(), sealed.partyHashes(), quota.maxPairsPerX(), now,
                    CANDIDATES);
            if (found.isEmpty()) {
                throw new BindingRefusedException(RefusalCode.NO_NUMBER_AVAILABLE, null, "binding.noNumber." + request.mode());
            }
            return found;
        }
        UsageNumber x = request.x();
        BindingLedger.XState state = ledger.x(tenantId, x.value())
                .orElseThrow(() -> new BindingRefusedException(RefusalCode.X_NOT_HELD, "x", "binding.x.notHeld", x.display()));
        if (!"AVAILABLE".equals(state.status())) {
            throw new BindingRefusedException(RefusalCode.X_SUSPENDED, "x", "binding.x.suspended", x.display());
        }
        return List.of(x.value());
    }

    /**
     * Bindings past their expiry still count as live until ended; the quota ends some of them before refusing. The
     * counters are of the day of {@code today}.
     */
    private void takeUsage(TenantId tenantId, TenantQuota quota, Instant today, Instant now, List<BindingEnded> ended) {
        if (ledger.takeUsage(tenantId, quota, today, ended.size())) {
            return;
        }
        List<BindingEnded> more = ledger.expireDueOf(tenantId, now, 200);
        if (!more.isEmpty() && ledger.takeUsage(tenantId, quota, today, ended.size() + more.size())) {
            ended.addAll(more);
            return;
        }
        BindingLedger.Usage counted = ledger.usage(tenantId, today);
        if (counted.createdToday() >= quota.maxNewBindingsPerDay()) {
            throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, null, "binding.quota.perDay",
                    quota.maxNewBindingsPerDay(), counted.createdToday());
        }
        throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, null, "binding.quota.active",
                quota.maxActiveBindings(), counted.live());
    }

    private BindingRefusedException refusal(TenantId tenantId, BindingRequest request, BindingLedger.Opening last,
            TenantQuota quota) {
        if (request.x() == null) {
            return new BindingRefusedException(RefusalCode.NO_NUMBER_AVAILABLE, null, "binding.noNumber." + request.mode());
        }
        String x = request.x().display();
        boolean heldByAxn = ledger.x(tenantId, request.x().value()).map(BindingLedger.XState::exclusive).orElse(false);
        if (heldByAxn || "x".equals(last.partyOnX())) {
            return new BindingRefusedException(RefusalCode.X_UNAVAILABLE, "x", "binding.x.axnTaken", x);
        }
        if (last.partyOnX() != null) {
            return new BindingRefusedException(RefusalCode.PARTY_ALREADY_ON_X, last.partyOnX(), "binding.partyOnX", x);
        }
        return new BindingRefusedException(RefusalCode.X_UNAVAILABLE, "x", "binding.x.full." + request.mode(), x,
                quota.maxPairsPerX());
    }
}
