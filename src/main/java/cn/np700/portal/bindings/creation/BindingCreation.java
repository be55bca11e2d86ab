package cn.np700.portal.bindings.creation;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingCreated;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.ledger.BindingEnding;
import cn.np700.portal.bindings.ledger.BindingStore;
import cn.np700.portal.bindings.ledger.PeerQuota;
import cn.np700.portal.bindings.ledger.Slots;
import cn.np700.portal.bindings.ledger.TenantBindingUsage;
import cn.np700.portal.bindings.ledger.XPool;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.BindingRequest;
import cn.np700.portal.bindings.rules.InputRules;
import cn.np700.portal.bindings.rules.PartyChecks;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates bindings. Everything that can race is settled by the database inside one transaction: the orderRef's
 * unique key, the (X, real number) slots, the X's pair counter and the tenant's quota counters. Locks are taken in
 * one order (binding row, slots, X, peers, tenant usage); AXN and AXB creations racing for one X still deadlock on
 * the slots, and the victim's whole transaction runs again under {@link TransientFailureRetry}.
 */
@Service
public class BindingCreation {

    private static final int CANDIDATES = 8;

    private final Quotas quotas;
    private final PartyChecks parties;
    private final PersonalDataCipher crypto;
    private final BindingStore store;
    private final Slots slots;
    private final XPool pool;
    private final TenantBindingUsage usage;
    private final PeerQuota peers;
    private final BindingEnding ending;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final PlatformCalendar calendar;
    private final Clock clock;

    BindingCreation(Quotas quotas, PartyChecks parties, PersonalDataCipher crypto, BindingStore store, Slots slots,
            XPool pool, TenantBindingUsage usage, PeerQuota peers, BindingEnding ending, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, TransientFailureRetry retry, PlatformCalendar calendar, Clock clock) {
        this.quotas = quotas;
        this.parties = parties;
        this.crypto = crypto;
        this.store = store;
        this.slots = slots;
        this.pool = pool;
        this.usage = usage;
        this.peers = peers;
        this.ending = ending;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The binding, and whether it already existed (a repeat of a live binding's orderRef with the same parties). */
    public record Created(Binding binding, boolean repeated) {
    }

    public Created bind(TenantId tenantId, Actor by, BindingInput input, boolean verifyOnTheSpot) {
        TenantQuota quota = quotas.of(tenantId.value());
        BindingRequest request = InputRules.check(input, quota.maxBindingLifetime(), clock.instant());
        Sealed sealed = new Sealed(SealedNumber.of(request.a(), crypto), SealedNumber.of(request.b(), crypto),
                SealedNumber.of(request.n(), crypto));
        Optional<Created> repeat = repeatOf(tenantId, request, sealed);
        if (repeat.isPresent()) {
            return repeat.get();
        }
        parties.requireNotBlacklisted(tenantId, PartyChecks.of(request));
        parties.requireVerified(tenantId, PartyChecks.of(request), by, verifyOnTheSpot);
        retry.call(() -> {
            usage.ensure(tenantId, today());
            return null;
        });
        while (true) {
            try {
                return new Created(retry.inTransaction(tx, status -> create(status, tenantId, quota, request, sealed, by)),
                        false);
            } catch (OrderRefTaken e) {
                repeat = repeatOf(tenantId, request, sealed);
                if (repeat.isPresent()) {
                    return repeat.get();
                }
            }
        }
    }

    private record Sealed(SealedNumber a, SealedNumber b, SealedNumber n) {

        /** The slots the binding takes on its X, in hash order so that two creations lock them in the same order. */
        List<Slot> slots(BindingMode mode) {
            List<Slot> wanted = new ArrayList<>();
            wanted.add(new Slot("a", a.hash()));
            if (mode == BindingMode.AXB) {
                wanted.add(new Slot("b", b.hash()));
            } else {
                wanted.add(new Slot("x", SealedNumber.ANY_CALLER));
            }
            wanted.sort(Comparator.comparing(Slot::hash, Arrays::compareUnsigned));
            return wanted;
        }

        List<byte[]> partyHashes() {
            return b == null ? List.of(a.hash()) : List.of(a.hash(), b.hash());
        }
    }

    private record Slot(String field, byte[] hash) {
    }

    /** A live binding holding the request's orderRef answers the repeat; one past its expiry is ended first. */
    private Optional<Created> repeatOf(TenantId tenantId, BindingRequest request, Sealed sealed) {
        if (request.orderRef() == null) {
            return Optional.empty();
        }
        Optional<BindingStore.Holder> holder = store.holderOf(tenantId, request.orderRef(), request.mode(),
                sealed.a().hash(), SealedNumber.hashOf(sealed.b()), SealedNumber.hashOf(sealed.n()));
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
        retry.inTransactionWithoutResult(tx, status -> {
            Instant now = clock.instant();
            ending.end(Scope.of(tenantId), bindingId, BindingStatus.EXPIRED, "system", "EXPIRED", now, true).ifPresent(ended -> {
                usage.giveBack(tenantId, 1);
                events.publishEvent(ended);
            });
        });
    }

    private Binding create(TransactionStatus status, TenantId tenantId, TenantQuota quota, BindingRequest request,
            Sealed sealed, Actor by) {
        Instant now = clock.instant();
        List<Long> candidates = candidates(tenantId, quota, request, sealed, now);
        List<BindingEnded> endedOnTheWay = new ArrayList<>();
        Attempt last = null;
        for (long x : candidates) {
            Object savepoint = status.createSavepoint();
            List<BindingEnded> endedHere = new ArrayList<>();
            last = tryOn(x, tenantId, quota, request, sealed, by, now, endedHere);
            if (last.bindingId() != null) {
                status.releaseSavepoint(savepoint);
                endedOnTheWay.addAll(endedHere);
                break;
            }
            status.rollbackToSavepoint(savepoint);
        }
        if (last == null || last.bindingId() == null) {
            throw refusal(tenantId, request, last, quota);
        }
        long id = last.bindingId();
        LocalDate today = today();
        if (request.mode() == BindingMode.AXB
                && !peers.count(tenantId, sealed.a().hash(), sealed.b().hash(), today, quota.maxBPerAPerDay())) {
            throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, "b", "binding.quota.peers",
                    quota.maxBPerAPerDay());
        }
        takeUsage(tenantId, quota, today, now, endedOnTheWay);
        endedOnTheWay.forEach(events::publishEvent);
        Binding made = store.find(Scope.of(tenantId), id).orElseThrow();
        events.publishEvent(new BindingCreated(made, by.apiKeyId()));
        return made;
    }

    private List<Long> candidates(TenantId tenantId, TenantQuota quota, BindingRequest request, Sealed sealed, Instant now) {
        if (request.x() == null) {
            List<Long> found = pool.candidates(tenantId, request.mode(), sealed.partyHashes(), quota.maxPairsPerX(), now,
                    CANDIDATES);
            if (found.isEmpty()) {
                throw new BindingRefusedException(RefusalCode.NO_NUMBER_AVAILABLE, null, "binding.noNumber." + request.mode());
            }
            return found;
        }
        UsageNumber x = request.x();
        XPool.XState state = pool.state(tenantId, x.value())
                .orElseThrow(() -> new BindingRefusedException(RefusalCode.X_NOT_HELD, "x", "binding.x.notHeld", x.display()));
        if (!"AVAILABLE".equals(state.status())) {
            throw new BindingRefusedException(RefusalCode.X_SUSPENDED, "x", "binding.x.suspended", x.display());
        }
        return List.of(x.value());
    }

    /** The outcome of trying one X: the new binding's id, or why this X cannot take it. */
    private record Attempt(Long bindingId, String partyOnX, boolean xFull) {
    }

    private Attempt tryOn(long x, TenantId tenantId, TenantQuota quota, BindingRequest request, Sealed sealed, Actor by,
            Instant now, List<BindingEnded> ended) {
        long id;
        try {
            id = store.insert(tenantId, request, x, sealed.a(), sealed.b(), sealed.n(), by, now);
        } catch (DuplicateKeyException e) {
            throw new OrderRefTaken();
        }
        for (Slot slot : sealed.slots(request.mode())) {
            Optional<Long> holder = slots.claim(x, slot.hash(), id, request.expiresAt());
            if (holder.isPresent()) {
                Optional<BindingEnded> expired = ending.end(Scope.of(tenantId), holder.get(), BindingStatus.EXPIRED, "system",
                        "EXPIRED", now, true);
                if (expired.isEmpty()) {
                    return new Attempt(null, slot.field(), false);
                }
                ended.add(expired.get());
                if (slots.claim(x, slot.hash(), id, request.expiresAt()).isPresent()) {
                    return new Attempt(null, slot.field(), false);
                }
            }
        }
        if (!pool.take(x, tenantId, request.mode(), quota.maxPairsPerX())) {
            List<Long> due = ending.dueOn(tenantId, x, now);
            if (due.isEmpty()) {
                return new Attempt(null, null, true);
            }
            ended.addAll(ending.expire(Scope.of(tenantId), due, now));
            if (!pool.take(x, tenantId, request.mode(), quota.maxPairsPerX())) {
                return new Attempt(null, null, true);
            }
        }
        return new Attempt(id, null, false);
    }

    /** Bindings past their expiry still count as live until ended; the quota ends some of them before refusing. */
    private void takeUsage(TenantId tenantId, TenantQuota quota, LocalDate today, Instant now, List<BindingEnded> ended) {
        if (usage.take(tenantId, quota, today, ended.size())) {
            return;
        }
        List<BindingEnded> more = ending.expire(Scope.of(tenantId), ending.dueOf(tenantId, now, 200), now);
        if (!more.isEmpty() && usage.take(tenantId, quota, today, ended.size() + more.size())) {
            ended.addAll(more);
            return;
        }
        TenantBindingUsage.Usage counted = usage.of(tenantId, today);
        if (counted.createdToday() >= quota.maxNewBindingsPerDay()) {
            throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, null, "binding.quota.perDay",
                    quota.maxNewBindingsPerDay(), counted.createdToday());
        }
        throw new BindingRefusedException(RefusalCode.QUOTA_EXCEEDED, null, "binding.quota.active",
                quota.maxActiveBindings(), counted.live());
    }

    private BindingRefusedException refusal(TenantId tenantId, BindingRequest request, Attempt last, TenantQuota quota) {
        if (request.x() == null) {
            return new BindingRefusedException(RefusalCode.NO_NUMBER_AVAILABLE, null, "binding.noNumber." + request.mode());
        }
        String x = request.x().display();
        boolean heldByAxn = pool.state(tenantId, request.x().value()).map(XPool.XState::exclusive).orElse(false);
        if (heldByAxn || "x".equals(last.partyOnX())) {
            return new BindingRefusedException(RefusalCode.X_UNAVAILABLE, "x", "binding.x.axnTaken", x);
        }
        if (last.partyOnX() != null) {
            return new BindingRefusedException(RefusalCode.PARTY_ALREADY_ON_X, last.partyOnX(), "binding.partyOnX", x);
        }
        return new BindingRefusedException(RefusalCode.X_UNAVAILABLE, "x", "binding.x.full." + request.mode(), x,
                quota.maxPairsPerX());
    }

    private LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    /** Another live binding of the tenant took the orderRef first; the whole attempt rolls back. */
    private static final class OrderRefTaken extends RuntimeException {
        OrderRefTaken() {
            super(null, null, false, false);
        }
    }
}
