package cn.np700.portal.audit;

/** The outcome of checking the whole chain: intact with a count, or the first entry that does not match. */
record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {

    static ChainVerification intact(long entries) {
        return new ChainVerification(true, entries, null, null);
    }

    static ChainVerification brokenAt(long seq, long checked, String problem) {
        return new ChainVerification(false, checked, seq, problem);
    }
}
