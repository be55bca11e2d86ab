package cn.np700.portal.bindings.routecache;

/**
 * How many numbers the routing cache keeps: {@code portal.routing.cache.numbers} when it is set, else as many as a
 * quarter of the heap holds. A quarter, because the cache lives in the old generation for good: with the rest of the
 * portal's live set (about 45 MB) it stays below G1's default trigger for concurrent marking (45 % of the heap), and
 * the young generation keeps the rest for the requests' garbage.
 */
final class RouteCacheCapacity {

    /**
     * Heap per cached number, measured (docs/benchmark.md): 1,418 bytes for an AXB number with both callers' answers
     * and one decrypted callee (class histograms of a portal with 100,023 numbers preloaded against one with none),
     * about 1,570 with both callees; rounded up.
     */
    static final long BYTES_PER_NUMBER = 1_600;

    static final int HEAP_PERCENT = 25;

    private RouteCacheCapacity() {
    }

    /** {@code setting} when given (null: not set), else the numbers a quarter of {@code maxHeapBytes} holds. */
    static long numbers(Long setting, long maxHeapBytes) {
        if (setting != null) {
            return setting;
        }
        return Math.max(1, maxHeapBytes / 100 * HEAP_PERCENT / BYTES_PER_NUMBER);
    }
}
