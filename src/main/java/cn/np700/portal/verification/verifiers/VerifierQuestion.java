package cn.np700.portal.verification.verifiers;

/**
 * What is asked: an 11-digit mainland mobile number, and optionally the holder's name and 18-character resident ID
 * number for a three-element match (both null for a two-element check).
 */
public record VerifierQuestion(String requestId, String mobile, String name, String idNumber) {

    public boolean threeElements() {
        return name != null && idNumber != null;
    }
}
