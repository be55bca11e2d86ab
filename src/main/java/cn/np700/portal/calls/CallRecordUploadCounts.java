package cn.np700.portal.calls;

/** How many lines of an upload ended each way so far. */
public record CallRecordUploadCounts(int accepted, int unmatched, int duplicates, int rejected) {

    static final CallRecordUploadCounts NONE = new CallRecordUploadCounts(0, 0, 0, 0);

    public int done() {
        return accepted + unmatched + duplicates + rejected;
    }

    public int of(CallRecordUploadOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> accepted;
            case UNMATCHED -> unmatched;
            case DUPLICATE -> duplicates;
            case REJECTED -> rejected;
        };
    }

    CallRecordUploadCounts plus(CallRecordUploadOutcome outcome) {
        return new CallRecordUploadCounts(accepted + one(outcome, CallRecordUploadOutcome.ACCEPTED),
                unmatched + one(outcome, CallRecordUploadOutcome.UNMATCHED),
                duplicates + one(outcome, CallRecordUploadOutcome.DUPLICATE),
                rejected + one(outcome, CallRecordUploadOutcome.REJECTED));
    }

    private static int one(CallRecordUploadOutcome actual, CallRecordUploadOutcome counted) {
        return actual == counted ? 1 : 0;
    }
}
