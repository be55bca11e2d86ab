package cn.np700.portal.audit.trail;

/**
 * The outcome of checking the whole chain: intact with a count, or the entry (by its id) where the chain breaks and
 * why: {@code missing} (an entry before it is gone), {@code prev-hash}, {@code content}, or {@code missing-after}
 * (entries after the last one found are gone).
 */
public record ChainVerification(boolean intact, long entriesChecked, Long brokenAtEntry, String problem) {

    static ChainVerification intact(long entries) {
        return new ChainVerification(true, entries, null, null);
    }

    static ChainVerification brokenAt(long entryId, long checked, String problem) {
        return new ChainVerification(false, checked, entryId, problem);
    }
}
