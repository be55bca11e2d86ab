package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.Direction;
/**
 * A new binding as typed on the page, all text so that whatever was typed comes back with its message. The validity
 * is an amount and a unit; the tenant is never part of the form.
 */
record BindingForm(String mode, String a, String b, String n, String x, String validity, String unit, String direction,
        String record, String orderRef) {

    static BindingForm empty() {
        return new BindingForm("AXB", null, null, null, null, "1", ValidityUnit.HOURS.name(), Direction.BOTH.name(),
                null, null);
    }

    BindingInput input(Long expiresInSeconds) {
        return new BindingInput(mode, a, b, n, x, expiresInSeconds, null, direction, recorded(),
                orderRef);
    }

    /** Whether the box was ticked; public for the template. */
    public boolean recorded() {
        return "true".equals(record) || "on".equals(record);
    }

    /** The typed value of one of the real-number fields (a, b, n). */
    String number(String field) {
        return switch (field) {
            case "a" -> a;
            case "b" -> b;
            case "n" -> n;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
