package cn.np700.portal.compliance.check;

import java.util.Optional;

/** A number as a citizen types it: digits, perhaps grouped with spaces or dashes. */
public final class TypedNumber {

    static final int LENGTH = 15;

    private TypedNumber() {
    }

    public static String digits(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s\\-]", "");
    }

    /** The message key saying what is wrong with the typed number, or empty when it has the shape of a 700 number. */
    public static Optional<String> problem(String typed) {
        String digits = digits(typed);
        if (digits.isEmpty()) {
            return Optional.of("check.number.empty");
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("check.number.notDigits");
        }
        if (digits.length() != LENGTH) {
            return Optional.of("check.number.length");
        }
        return Optional.empty();
    }
}
