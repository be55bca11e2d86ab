package cn.np700.portal.verification;

/** Where a check was asked for. */
public enum VerificationSource {
    PORTAL, BULK, API
}
