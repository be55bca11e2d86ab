package cn.np700.portal.calls.upload;

import java.util.Locale;

/**
 * What became of one line of an uploaded file: stored and matched to a binding, stored unmatched (for operators to
 * review), stored before (a duplicate call id), or refused with a reason.
 */
public enum CallRecordUploadOutcome {
    ACCEPTED, UNMATCHED, DUPLICATE, REJECTED;

    /** Its name among the run's counts. */
    public String countName() {
        return this == DUPLICATE ? "duplicates" : code();
    }

    /** As the result file writes it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
