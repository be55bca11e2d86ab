package cn.np700.portal.bindings.ledger;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.rules.BindingRequest;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionLedger;
import cn.np700.portal.verification.PersonalDataCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of the binding tables ({@code binding}, {@code binding_slot}, {@code binding_usage},
 * {@code binding_peer_*}, {@code binding_suspension}) and of the X counters a binding takes: every write on them, and
 * every read a write needs, runs here, named by what it does (the read-only lists and views elsewhere are listed in
 * BindingTablesOwnedByTheLedgerTests). The use cases decide (quotas, refusals, events, audit); the ledger only writes
 * and reads, inside the caller's transaction or in one it opens ({@link #transaction}). Races are settled by the
 * statements themselves: the orderRef's unique key, the slots' primary key, conditional UPDATEs on the counters.
 */
@Component
public class BindingLedger {

    /** The binding columns every read of whole bindings selects, for {@link #map}. */
    public static final String COLUMNS = BindingStore.COLUMNS;

    private static final String SYSTEM = "system";

    private final BindingStore store;
    private final Slots slots;
    private final XPool pool;
    private final TenantBindingUsage usage;
    private final PeerQuota peers;
    private final BindingEnding ending;
    private final SuspensionLedger reasons;
    private final PersonalDataCipher crypto;
    private final PlatformCalendar calendar;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;

    BindingLedger(BindingStore store, Slots slots, XPool pool, TenantBindingUsage usage, PeerQuota peers,
            BindingEnding ending, JdbcClient jdbc, PersonalDataCipher crypto, PlatformCalendar calendar,
            PlatformTransactionManager transactions, TransientFailureRetry retry) {
        this.store = store;
        this.slots = slots;
        this.pool = pool;
        this.usage = usage;
        this.peers = peers;
        this.ending = ending;
        this.reasons = new SuspensionLedger(jdbc, "binding_suspension");
        this.crypto = crypto;
        this.calendar = calendar;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
    }

    // --- the unit of work

    /** Runs the work in one READ COMMITTED transaction, and again as a whole when it is a deadlock's victim. */
    public <T> T transaction(TransactionCallback<T> work) {
        return retry.inTransaction(tx, work);
    }

    public void transactionWithoutResult(Consumer<TransactionStatus> work) {
        retry.inTransactionWithoutResult(tx, work);
    }

    /** A real number as the ledger stores it (encrypted, hashed, masked); null for none. */
    public SealedNumber seal(String digits) {
        return SealedNumber.of(digits, crypto);
    }

    // --- reading bindings

    /** The binding if it is in the scope: a tenant's own, or any tenant's for operators. */
    public Optional<Binding> find(Scope scope, long id) {
        return store.find(scope, id);
    }

    /** A row selected with {@link #COLUMNS}, with the status in effect now. */
    public Binding map(ResultSet rs, int row) throws SQLException {
        return store.map(rs, row);
    }

    /** The binding still holding this orderRef (live, possibly past its expiry) and whether it has the same parties. */
    public record OrderRefHolder(Binding binding, boolean sameParties) {
    }

    public Optional<OrderRefHolder> holderOf(TenantId tenantId, String orderRef, BindingMode mode, SealedNumber a,
            SealedNumber b, SealedNumber n) {
        return store.holderOf(tenantId, orderRef, mode, a.hash(), SealedNumber.hashOf(b), SealedNumber.hashOf(n));
    }

    /** All of the tenant's bindings, in any status. */
    public long count(TenantId tenant) {
        return store.count(tenant);
    }

    public long activeMadeBy(TenantId tenant, String actor) {
        return store.activeMadeBy(tenant, actor);
    }

    // --- X selection

    /** X as the tenant holds it. */
    public record XState(String status, int liveBindings, boolean exclusive) {
    }

    /** Empty when the tenant does not hold X. */
    public Optional<XState> x(TenantId tenantId, long x) {
        return pool.state(tenantId, x);
    }

    /** Up to {@code limit} of the tenant's X with room for the binding and none of its parties on them yet. */
    public List<Long> candidates(TenantId tenantId, BindingMode mode, List<byte[]> partyHashes, int maxPairs, Instant now,
            int limit) {
        return pool.candidates(tenantId, mode, partyHashes, maxPairs, now, limit);
    }

    // --- opening a binding

    /** Another live binding of the tenant holds the orderRef: the caller's whole transaction must roll back. */
    public static final class OrderRefTaken extends RuntimeException {
        OrderRefTaken() {
            super(null, null, false, false);
        }
    }

    /**
     * What opening a binding on one X came to: the binding as inserted, or why this X cannot take it (a party already
     * on X, or X full), with the bindings past their expiry that were ended on the way.
     */
    public record Opening(Binding binding, String partyOnX, boolean xFull, List<BindingEnded> endedOnTheWay) {

        public boolean opened() {
            return binding != null;
        }

        static Opening partyOn(String field) {
            return new Opening(null, field, false, List.of());
        }

        static Opening full() {
            return new Opening(null, null, true, List.of());
        }
    }

    private record Slot(String field, byte[] hash) {
    }

    /**
     * Opens the binding on X: its row, its slots (in hash order, so that two creations lock them in the same order)
     * and one seat on X. A slot or seat held by a binding past its expiry is freed by ending that binding. The caller
     * rolls back (its transaction, which this opening began writing) when this X cannot take it.
     *
     * @throws OrderRefTaken when a live binding of the tenant took the orderRef first
     */
    public Opening open(long x, TenantId tenantId, BindingRequest request, SealedNumber a, SealedNumber b, SealedNumber n,
            Actor by, int maxPairs, Instant now) {
        Binding made;
        try {
            made = store.insert(tenantId, request, x, a, b, n, by, now);
        } catch (DuplicateKeyException e) {
            throw new OrderRefTaken();
        }
        List<BindingEnded> ended = new ArrayList<>();
        List<Slot> wanted = slotsOf(request.mode(), a, b);
        if (!slots.claimAll(x, wanted.stream().map(Slot::hash).toList(), made.id(), made.expiresAt())) {
            Optional<String> taken = claimOneByOne(x, tenantId, wanted, made, now, ended);
            if (taken.isPresent()) {
                return Opening.partyOn(taken.get());
            }
        }
        if (!pool.take(x, tenantId, request.mode(), maxPairs)) {
            List<Long> due = ending.dueOn(tenantId, x, now);
            if (due.isEmpty()) {
                return Opening.full();
            }
            ended.addAll(ending.expire(Scope.of(tenantId), due, now));
            if (!pool.take(x, tenantId, request.mode(), maxPairs)) {
                return Opening.full();
            }
        }
        return new Opening(made, null, false, ended);
    }

    /**
     * When a party's slot on X is held (the slots' INSERT took none of them): each slot on its own, ending a holder
     * past its expiry. The field of the party whose slot stays held, if any.
     */
    private Optional<String> claimOneByOne(long x, TenantId tenantId, List<Slot> wanted, Binding made, Instant now,
            List<BindingEnded> ended) {
        for (Slot slot : wanted) {
            Optional<Long> holder = slots.claim(x, slot.hash(), made.id(), made.expiresAt());
            if (holder.isPresent()) {
                Optional<BindingEnded> expired = expireIfDue(Scope.of(tenantId), holder.get(), now);
                if (expired.isEmpty()) {
                    return Optional.of(slot.field());
                }
                ended.add(expired.get());
                if (slots.claim(x, slot.hash(), made.id(), made.expiresAt()).isPresent()) {
                    return Optional.of(slot.field());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Slot> slotsOf(BindingMode mode, SealedNumber a, SealedNumber b) {
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

    /** Records B as a peer of A on the day of {@code at}; false when that makes more distinct peers than {@code max}. */
    public boolean countPeer(TenantId tenantId, byte[] a, byte[] b, Instant at, int max) {
        return peers.count(tenantId, a, b, calendar.dayOf(at), max);
    }

    public int forgetPeersBefore(LocalDate day) {
        return peers.purgeBefore(day);
    }

    // --- the tenant's usage counters

    /** The tenant's live bindings and its bindings created on the day of {@code at}. */
    public record Usage(int live, int createdToday) {
    }

    /**
     * Creates the tenant's counter row, outside any creating transaction (see {@link TenantBindingUsage#ensure}),
     * again when it is a deadlock's victim.
     */
    public void prepareUsage(TenantId tenantId, Instant at) {
        retry.call(() -> {
            usage.ensure(tenantId, calendar.dayOf(at));
            return null;
        });
    }

    /** One more live binding and creation on the day of {@code at}, less {@code released} ended in the same transaction. */
    public boolean takeUsage(TenantId tenantId, TenantQuota quota, Instant at, int released) {
        return usage.take(tenantId, quota, calendar.dayOf(at), released);
    }

    public void releaseUsage(TenantId tenantId, int ended) {
        usage.giveBack(tenantId, ended);
    }

    public Usage usage(TenantId tenantId, Instant at) {
        return usage.of(tenantId, calendar.dayOf(at));
    }

    // --- ending bindings (the tenant's counter and the event are the caller's)

    /** Ends the binding as UNBOUND if it is live and in the scope. */
    public Optional<BindingEnded> unbind(Scope scope, long id, String by, String reason, Instant now) {
        return ending.end(scope, id, BindingStatus.UNBOUND, by, reason, now, false);
    }

    /** Ends the binding as EXPIRED if it is live, in the scope and past its expiry. */
    public Optional<BindingEnded> expireIfDue(Scope scope, long id, Instant now) {
        return ending.end(scope, id, BindingStatus.EXPIRED, SYSTEM, "EXPIRED", now, true);
    }

    /** Ends those of {@code ids} in the scope that are due. */
    public List<BindingEnded> expire(Scope scope, List<Long> ids, Instant now) {
        return ending.expire(scope, ids, now);
    }

    /** Ends up to {@code limit} of the tenant's bindings past their expiry, the oldest expiry first. */
    public List<BindingEnded> expireDueOf(TenantId tenantId, Instant now, int limit) {
        return ending.expire(Scope.of(tenantId), ending.dueOf(tenantId, now, limit), now);
    }

    /** Every tenant's bindings past their expiry that have not ended yet, the oldest expiry first. */
    public List<Long> dueAcrossTenants(Instant now, int limit) {
        return ending.dueAcrossTenants(now, limit);
    }

    /** The tenant's live bindings on the numbers from {@code first} to {@code last}. */
    public List<Long> liveOn(TenantId tenant, long first, long last) {
        return ending.liveOn(tenant, first, last);
    }

    /** The tenant's live bindings with the number as A or B. */
    public List<Long> liveWithParty(TenantId tenant, byte[] numberHash) {
        return ending.liveWithParty(tenant, numberHash);
    }

    // --- changing a live binding (under the row lock {@link #lockLive} takes)

    /** A live binding's row as a change needs it, locked until the transaction ends. */
    public record LiveBinding(long id, long x, BindingMode mode, byte[] aHash, byte[] bHash, String bMasked,
            Direction direction, Instant expiresAt) {
    }

    /** Empty when the binding is not the tenant's, not live, or past its expiry. */
    public Optional<LiveBinding> lockLive(TenantId tenantId, long id, Instant now) {
        return store.lockLive(tenantId, id, now);
    }

    /** The binding and its slots expire at the new time. */
    public void changeExpiry(TenantId tenantId, long id, Instant expiresAt) {
        store.changeExpiry(tenantId, id, expiresAt);
        slots.extend(id, expiresAt);
    }

    public enum MoveB {
        MOVED, NEW_B_ON_X, TOO_MANY_PEERS
    }

    /** The outcome of moving B, and the binding past its expiry that was ended to free the new B's slot. */
    public record MovedB(MoveB outcome, Optional<BindingEnded> endedOnTheWay) {
    }

    /**
     * B moves on the same X: the old B's slot is freed and the new B's taken (ending a binding past its expiry that
     * still holds it), the new B counted as a peer of A on the day of {@code now}, then the row changed. The caller
     * rolls back unless it is {@link MoveB#MOVED}.
     */
    public MovedB moveB(TenantId tenantId, LiveBinding locked, SealedNumber newB, Instant expiresAt, int maxBPerAPerDay,
            Instant now) {
        slots.releaseOne(locked.x(), locked.bHash(), locked.id());
        Optional<BindingEnded> ended = Optional.empty();
        Optional<Long> holder = slots.claim(locked.x(), newB.hash(), locked.id(), expiresAt);
        if (holder.isPresent()) {
            ended = expireIfDue(Scope.of(tenantId), holder.get(), now);
            if (ended.isEmpty() || slots.claim(locked.x(), newB.hash(), locked.id(), expiresAt).isPresent()) {
                return new MovedB(MoveB.NEW_B_ON_X, Optional.empty());
            }
        }
        if (!countPeer(tenantId, locked.aHash(), newB.hash(), now, maxBPerAPerDay)) {
            return new MovedB(MoveB.TOO_MANY_PEERS, Optional.empty());
        }
        store.changeB(tenantId, locked.id(), newB);
        return new MovedB(MoveB.MOVED, ended);
    }

    public void changeDirection(TenantId tenantId, long id, Direction direction) {
        store.changeDirection(tenantId, id, direction);
    }

    /** Marks the binding as changed at {@code now}. */
    public void touch(TenantId tenantId, long id, Instant now) {
        store.touch(tenantId, id, now);
    }

    // --- suspending (the reasons are counted on the binding row in the same transaction)

    /** The reasons opened and lifted on bindings. */
    public SuspensionLedger suspensionReasons() {
        return reasons;
    }

    /** Locks the binding's row if it is live and not past its expiry; its tenant, or empty. */
    public Optional<TenantId> lockForSuspension(long id, Instant now) {
        return store.lockForSuspension(id, now);
    }

    /** Locks the binding's row, whatever its status, so that openings and liftings queue in one order. */
    public void lock(long id) {
        store.lock(id);
    }

    /** One more open reason: the binding is SUSPENDED. */
    public void suspend(long id, Instant now) {
        store.suspend(id, now);
    }

    /** One reason fewer; ACTIVE again with the last one, an ended binding keeping its end. */
    public void liftOneReason(long id, Instant now) {
        store.liftOneReason(id, now);
    }

    public TenantId tenantOf(long id) {
        return store.tenantOf(id);
    }

    // --- demo and benchmark data only

    /** Every binding of the tenant made earlier, by whole days. */
    public void backdate(TenantId tenant, Duration by) {
        store.backdate(tenant, by);
    }

    /** The bindings the actor made after {@code madeAfter} made earlier, by whole days. */
    public void backdateMadeBy(String actor, Instant madeAfter, Duration by) {
        store.backdateMadeBy(actor, madeAfter, by);
    }
}
