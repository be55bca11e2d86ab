package cn.np700.portal.verification.verifiers;

import cn.np700.portal.verification.VerificationOutcome;
import cn.np700.portal.verification.VerificationSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The default verifier for demo and tests: deterministic answers by prefix (see {@link VerificationSettings.Simulator}). */
@Component
@ConditionalOnProperty(name = "portal.verification.provider", havingValue = "simulator", matchIfMissing = true)
class SimulatedVerifier implements RealNameVerifier {

    private final VerificationSettings.Simulator rules;

    SimulatedVerifier(VerificationSettings settings) {
        this.rules = settings.simulator();
    }

    @Override
    public VerifierAnswer verify(VerifierQuestion question) {
        String mobile = question.mobile();
        if (rules.errorPrefixes().stream().anyMatch(mobile::startsWith)) {
            return VerifierAnswer.error("simulated outage");
        }
        if (rules.unregisteredPrefixes().stream().anyMatch(mobile::startsWith)) {
            return VerifierAnswer.of(VerificationOutcome.UNREGISTERED);
        }
        if (question.threeElements() && rules.mismatchPrefixes().stream().anyMatch(mobile::startsWith)) {
            return VerifierAnswer.of(VerificationOutcome.MISMATCH);
        }
        return VerifierAnswer.of(VerificationOutcome.VERIFIED);
    }
}
