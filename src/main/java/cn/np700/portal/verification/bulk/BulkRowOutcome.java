package cn.np700.portal.verification.bulk;

import cn.np700.portal.verification.VerificationOutcome;
import java.util.Locale;

/** What became of one line of a bulk file: a check's outcome, or INVALID when the line was not checked at all. */
enum BulkRowOutcome {
    VERIFIED, MISMATCH, UNREGISTERED, ERROR, INVALID;

    static BulkRowOutcome of(VerificationOutcome outcome) {
        return valueOf(outcome.name());
    }

    /** The message key of its label. */
    public String labelKey() {
        return this == INVALID ? "bulk.outcome.INVALID" : "verify.outcome." + name();
    }

    /** Its name in the run's counts ("verified", ...), which the page and its chart read. */
    public String countName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
