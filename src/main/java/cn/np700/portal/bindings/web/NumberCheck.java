package cn.np700.portal.bindings.web;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.RealNameVerification;
import java.time.Instant;
import java.util.Optional;

/**
 * What the form says under a real number while it is typed: nothing yet, not a mobile, or a mobile with or without a
 * current VERIFIED result of the tenant (which a binding needs).
 */
record NumberCheck(String field, State state, String masked, Instant validUntil) {

    public enum State {
        EMPTY, INVALID, VERIFIED, NOT_VERIFIED
    }

    static NumberCheck empty(String field) {
        return new NumberCheck(field, State.EMPTY, null, null);
    }

    static NumberCheck of(String field, String typed, TenantId tenantId, RealNameVerification verification) {
        if (typed == null || typed.isBlank()) {
            return empty(field);
        }
        Optional<String> number = PhoneNumbers.normalizeMobile(typed);
        if (number.isEmpty()) {
            return new NumberCheck(field, State.INVALID, null, null);
        }
        String masked = PhoneNumbers.maskMobile(number.get());
        return verification.currentlyVerified(tenantId, number.get())
                .map(v -> new NumberCheck(field, State.VERIFIED, masked, v.validUntil()))
                .orElseGet(() -> new NumberCheck(field, State.NOT_VERIFIED, masked, null));
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
}
