package cn.np700.portal.bindings.web;

import cn.np700.portal.consent.Consent;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.RealNameVerification;
import java.time.Instant;
import java.util.Optional;

/**
 * What the form says under a real number while it is typed: nothing yet, not a mobile, or a mobile with or without a
 * current VERIFIED result of the tenant (which a binding needs); for a party that needs consent (A, B), also the
 * tenant's consent in force for it, if any (looked up in the tenant's own consents only, by the number's keyed hash).
 */
record NumberCheck(String field, State state, String masked, Instant validUntil, boolean needsConsent,
        Consent consent) {

    public enum State {
        EMPTY, INVALID, VERIFIED, NOT_VERIFIED
    }

    /** The fields whose number needs the person's consent (N of AXN is the enterprise's own line). */
    private static boolean needsConsent(String field) {
        return !"n".equals(field);
    }

    static NumberCheck empty(String field) {
        return new NumberCheck(field, State.EMPTY, null, null, false, null);
    }

    static NumberCheck of(String field, String typed, TenantId tenantId, RealNameVerification verification,
            Consents consents) {
        if (typed == null || typed.isBlank()) {
            return empty(field);
        }
        Optional<String> number = PhoneNumbers.normalizeMobile(typed);
        if (number.isEmpty()) {
            return new NumberCheck(field, State.INVALID, null, null, false, null);
        }
        String masked = PhoneNumbers.maskMobile(number.get());
        boolean needsConsent = needsConsent(field);
        Consent consent = needsConsent ? consents.stateOf(tenantId, number.get()).inForce().orElse(null) : null;
        return verification.currentlyVerified(tenantId, number.get())
                .map(v -> new NumberCheck(field, State.VERIFIED, masked, v.validUntil(), needsConsent, consent))
                .orElseGet(() -> new NumberCheck(field, State.NOT_VERIFIED, masked, null, needsConsent, consent));
    }

    public String id() {
        return field + "-check";
    }

    public boolean shown() {
        return state != State.EMPTY;
    }

    public boolean invalid() {
        return state == State.INVALID;
    }

    public boolean verified() {
        return state == State.VERIFIED;
    }

    public boolean notVerified() {
        return state == State.NOT_VERIFIED;
    }

    /** A party needing consent that has one in force: the form says so, and a consent ticked below records nothing. */
    public boolean consented() {
        return consent != null;
    }

    /** A party needing consent without one in force: the form points at the choice below. */
    public boolean lacksConsent() {
        return needsConsent && consent == null;
    }
}
