package cn.np700.portal.verification.verifiers;

/** Asks whether a mobile number is real-name registered (and, with a name and ID number, whether they match). */
public interface RealNameVerifier {

    VerifierAnswer verify(VerifierQuestion question);
}
