package cn.np700.portal.bindings.web;

/** A new expiry for a live binding, typed as a validity counted from now. */
record ExpiryForm(String validity, String unit) {

    static ExpiryForm empty() {
        return new ExpiryForm("1", ValidityUnit.HOURS.name());
    }
}
