package cn.np700.portal.verification.verifiers;

import cn.np700.portal.verification.VerificationOutcome;

/** The verifier's answer; {@code detail} says why for ERROR (never personal data). */
public record VerifierAnswer(VerificationOutcome outcome, String detail) {

    public static VerifierAnswer of(VerificationOutcome outcome) {
        return new VerifierAnswer(outcome, null);
    }

    public static VerifierAnswer error(String detail) {
        return new VerifierAnswer(VerificationOutcome.ERROR, detail);
    }
}
