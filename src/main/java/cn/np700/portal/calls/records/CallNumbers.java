package cn.np700.portal.calls.records;

import java.util.Optional;

/**
 * Numbers as the carrier sends them: a mainland mobile number ({@code +86}, {@code 0086} or bare 11 digits) becomes
 * its 11 digits, the form bindings hash; any other number (a landline calling an AXN) keeps its digits.
 */
public final class CallNumbers {

    private CallNumbers() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && !(c == '+' && digits.isEmpty())) {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        if (d.startsWith("0086")) {
            d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
            d = d.substring(2);
        }
        if (d.length() == 11 && d.charAt(0) == '1') {
            return Optional.of(d);
        }
        return d.length() >= 5 && d.length() <= 20 && d.charAt(0) != '1' ? Optional.of(d) : Optional.empty();
    }

    /** 138****5678 for a mobile, the last four digits kept for other numbers. */
    public static String mask(String digits) {
        if (digits.length() == 11) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        return "*".repeat(Math.max(0, digits.length() - 4)) + digits.substring(Math.max(0, digits.length() - 4));
    }
}
