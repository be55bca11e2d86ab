package cn.np700.portal.bindings.web;

import org.springframework.validation.Errors;

/** An operator ends a tenant's binding only with a reason, which goes to the audit trail. */
record ForceUnbindForm(String reason) {

    static final int REASON_MAX = 200;

    static ForceUnbindForm empty() {
        return new ForceUnbindForm(null);
    }

    /** The trimmed reason, or null after reporting what is wrong with it. */
    String check(Errors errors) {
        if (reason == null || reason.isBlank()) {
            errors.rejectValue("reason", "binding.forceUnbind.reasonRequired");
            return null;
        }
        String trimmed = reason.strip();
        if (trimmed.length() > REASON_MAX || trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.rejectValue("reason", "binding.forceUnbind.reasonInvalid", new Object[] {REASON_MAX}, null);
            return null;
        }
        return trimmed;
    }
}
