package cn.np700.portal.bindings.web;

import org.springframework.validation.Errors;

/**
 * An operator lifts one reason of a binding's suspension ({@code reasonId}; the only open one when not given) and
 * only with a reason of their own, which goes to the audit trail.
 */
record RestoreBindingForm(Long reasonId, String restoreReason) {

    static final int REASON_MAX = 200;

    static RestoreBindingForm empty() {
        return new RestoreBindingForm(null, null);
    }

    /** The trimmed reason, or null after reporting what is wrong with it. */
    String check(Errors errors) {
        if (restoreReason == null || restoreReason.isBlank()) {
            errors.rejectValue("restoreReason", "binding.restore.reasonRequired");
            return null;
        }
        String trimmed = restoreReason.strip();
        if (trimmed.length() > REASON_MAX || trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.rejectValue("restoreReason", "binding.restore.reasonInvalid", new Object[] {REASON_MAX}, null);
            return null;
        }
        return trimmed;
    }
}
