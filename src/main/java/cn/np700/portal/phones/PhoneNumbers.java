package cn.np700.portal.phones;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * The portal's one home for phone numbers. Two readings, because two kinds of number arrive: a real-name mobile
 * (a person's own number, typed into a form or a file) must be a valid mainland mobile; a number seen on a call (the
 * carrier's caller or callee) may also be a landline. Two masks, because their stored forms differ for anything but
 * an 11-digit number, and the {@code *_masked} columns already hold them.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * A mainland China mobile number as people type it (+86, spaces, dashes), as its 11 digits. Eleven bare digits, the
     * form the API's callers send, skip the parse (the most of a binding request's validation time): read in region CN
     * they are the national number itself, so only its type is asked; any other form is parsed.
     */
    public static Optional<String> normalizeMobile(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (raw.length() == 11 && raw.charAt(0) == '1' && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            PhoneNumber number = new PhoneNumber().setCountryCode(86).setNationalNumber(Long.parseLong(raw));
            return mobile(number) ? Optional.of(raw) : Optional.empty();
        }
        return parsedMobile(raw);
    }

    /** The whole reading, for any form typed. */
    static Optional<String> parsedMobile(String raw) {
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), "CN");
            return mobile(number) ? Optional.of(Long.toString(number.getNationalNumber())) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A mobile type implies a valid number of the region its country code names, CN alone for 86. */
    private static boolean mobile(PhoneNumber number) {
        return number.getCountryCode() == 86 && UTIL.getNumberType(number) == PhoneNumberType.MOBILE;
    }

    /**
     * A number as the carrier sends it: a mainland mobile number ({@code +86}, {@code 0086} or bare 11 digits)
     * becomes its 11 digits, the form bindings hash; any other number (a landline calling an AXN) keeps its digits.
     */
    public static Optional<String> normalizeCallNumber(String raw) {
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

    /** 138****5678: enough to recognise, not enough to call. Null, or too short to mask, is returned as it is. */
    public static String maskMobile(String digits) {
        if (digits == null || digits.length() < 7) {
            return digits;
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    /** A number from a call record: 138****5678 for 11 digits, only the last four digits kept for other lengths. */
    public static String maskCallNumber(String digits) {
        if (digits.length() == 11) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        return "*".repeat(Math.max(0, digits.length() - 4)) + digits.substring(Math.max(0, digits.length() - 4));
    }
}
