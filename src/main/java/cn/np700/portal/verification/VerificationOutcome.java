package cn.np700.portal.verification;

public enum VerificationOutcome {
    /** Registered under a real name (and matching the name and ID number when they were given). */
    VERIFIED,
    /** Registered, but not to the name and ID number given. */
    MISMATCH,
    /** Not real-name registered, or not an existing number. */
    UNREGISTERED,
    /** The service could not answer (timeout, outage, malformed reply); nothing is known. */
    ERROR
}
