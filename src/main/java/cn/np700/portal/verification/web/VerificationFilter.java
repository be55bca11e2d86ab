package cn.np700.portal.verification.web;

import cn.np700.portal.verification.VerificationOutcome;
import java.util.HexFormat;

/**
 * The verification list's filters: an outcome, and a number found exactly through its keyed hash. The page's URL
 * carries only that hash (hex), never the number, so real numbers stay out of logs and browser history.
 */
record VerificationFilter(String outcome, String numberHash) {

    public VerificationOutcome outcomeValue() {
        for (VerificationOutcome o : VerificationOutcome.values()) {
            if (o.name().equals(outcome)) {
                return o;
            }
        }
        return null;
    }

    /** The hash to match, or null when none or not a 32-byte hex value. */
    public byte[] hashValue() {
        if (numberHash == null || !numberHash.matches("[0-9a-f]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(numberHash);
    }
}
