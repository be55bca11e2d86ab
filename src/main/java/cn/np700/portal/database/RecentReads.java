package cn.np700.portal.database;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a hot path reads on every request, remembered on this node for a short time of real time instead. A change
 * made on this node is never missed here: {@link #forgetAll} forgets at once and again when the changing
 * transaction has ended, and a read that began before a forget is not remembered (it may have read the row before
 * the change). Another node's copy lives at most the lifetime given.
 */
public final class RecentReads<K, V> {

    private final long lifetimeNanos;
    private final int capacity;
    private final Map<K, Remembered<V>> remembered = new ConcurrentHashMap<>();
    private final AtomicLong forgets = new AtomicLong();

    public RecentReads(Duration lifetime, int capacity) {
        this.lifetimeNanos = lifetime.toNanos();
        this.capacity = capacity;
    }

    private record Remembered<V>(V value, long readAtNanos) {
    }

    /** The value remembered for the key, or the one {@code read} returns (then remembered). */
    public V get(K key, Function<K, V> read) {
        long now = System.nanoTime();
        Remembered<V> hit = remembered.get(key);
        if (hit != null && now - hit.readAtNanos() < lifetimeNanos) {
            return hit.value();
        }
        long forgetsBefore = forgets.get();
        V value = read.apply(key);
        if (remembered.size() >= capacity) {
            remembered.clear();
        }
        Remembered<V> entry = new Remembered<>(value, now);
        remembered.put(key, entry);
        if (forgets.get() != forgetsBefore) {
            remembered.remove(key, entry);
        }
        return value;
    }

    /** Forgets everything now and, inside a transaction, again once it has ended (a read may not see it before). */
    public void forgetAll() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    private void forget() {
        forgets.incrementAndGet();
        remembered.clear();
    }
}
