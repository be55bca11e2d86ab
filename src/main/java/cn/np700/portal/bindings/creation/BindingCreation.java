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
        Optional<Created> repeat = repeatOf(tenantId, request, sealed);
        if (repeat.isPresent()) {
            return repeat.get();
        }
        parties.requireVerified(tenantId, PartyChecks.of(request), by, verifyOnTheSpot);
        ledger.prepareUsage(tenantId, clock.instant());
        while (true) {
            try {
                return new Created(ledger.transaction(status -> create(status, tenantId, quota, request, sealed, by)),
                        false);
            } catch (BindingLedger.OrderRefTaken e) {
                repeat = repeatOf(tenantId, request, sealed);
                if (repeat.isPresent()) {
                    return repeat.get();
                }
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

    /** A live binding holding the request's orderRef answers the repeat; one past its expiry is ended first. */
    private Optional<Created> repeatOf(TenantId tenantId, BindingRequest request, Sealed sealed) {
        if (request.orderRef() == null) {
            return Optional.empty();
        }
        Optional<BindingLedger.OrderRefHolder> holder = ledger.holderOf(tenantId, request.orderRef(), request.mode(),
                sealed.a(), sealed.b(), sealed.n());
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Binding existing = holder.get().binding();
        if (!existing.live()) {
            expireNow(tenantId, existing.id());
            return Optional.empty();
        }
        if (!holder.get().sameParties()) {
            throw new BindingRefusedException(RefusalCode.ORDER_REF_CONFLICT, "orderRef", "binding.orderRef.conflict",
                    existing.id());
        }
        return Optional.of(new Created(existing, true));
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

    private Binding create(TransactionStatus status, TenantId tenantId, TenantQuota quota, BindingRequest request,
            Sealed sealed, Actor by) {
        Instant now = clock.instant();
        List<Long> candidates = candidates(tenantId, quota, request, sealed, now);
        BindingLedger.Opening last = null;
        for (long x : candidates) {
            Object savepoint = status.createSavepoint();
            last = ledger.open(x, tenantId, request, sealed.a(), sealed.b(), sealed.n(), by, quota.maxPairsPerX(), now);
            if (last.opened()) {
                status.releaseSavepoint(savepoint);
                break;
            }
            status.rollbackToSavepoint(savepoint);
        }
        if (last == null || !last.opened()) {
            throw refusal(tenantId, request, last, quota);
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
