package cn.np700.portal.bindings.web;

import org.springframework.validation.Errors;

/** A validity typed as an amount and a unit; its own problems go next to the {@code validity} field. */
final class Validity {

    static final String FIELD = "validity";

    private Validity() {
    }

    /** The validity in seconds, or null after reporting why it cannot be read. */
    static Long seconds(String amount, String unit, Errors errors) {
        if (amount == null || amount.isBlank()) {
            errors.rejectValue(FIELD, "binding.validity.required");
            return null;
        }
        if (!amount.strip().matches("\\d{1,6}") || Long.parseLong(amount.strip()) == 0) {
            errors.rejectValue(FIELD, "binding.validity.invalid");
            return null;
        }
        ValidityUnit parsed = ValidityUnit.parse(unit);
        if (parsed == null) {
            errors.rejectValue(FIELD, "binding.validity.unit");
            return null;
        }
        return Long.parseLong(amount.strip()) * parsed.seconds();
    }
}
