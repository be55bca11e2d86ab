package cn.np700.portal.verification;

/** How many lines of a batch ended in each outcome so far. */
record BatchCounts(int verified, int mismatch, int unregistered, int error, int invalid) {

    static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0);

    int done() {
        return verified + mismatch + unregistered + error + invalid;
    }

    public int of(BulkRowOutcome outcome) {
        return switch (outcome) {
            case VERIFIED -> verified;
            case MISMATCH -> mismatch;
            case UNREGISTERED -> unregistered;
            case ERROR -> error;
            case INVALID -> invalid;
        };
    }

    BatchCounts plus(BulkRowOutcome outcome) {
        return new BatchCounts(verified + one(outcome, BulkRowOutcome.VERIFIED),
                mismatch + one(outcome, BulkRowOutcome.MISMATCH), unregistered + one(outcome, BulkRowOutcome.UNREGISTERED),
                error + one(outcome, BulkRowOutcome.ERROR), invalid + one(outcome, BulkRowOutcome.INVALID));
    }

    private static int one(BulkRowOutcome actual, BulkRowOutcome counted) {
        return actual == counted ? 1 : 0;
    }
}
