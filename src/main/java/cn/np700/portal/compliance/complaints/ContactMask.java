package cn.np700.portal.compliance.complaints;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A citizen's complaint contact as operators see it until one who handles complaints asks for it. The contact is
 * free text (a mobile, a landline, a QQ number, an e-mail, a name beside them): every run of five or more digits and
 * the name part of an e-mail are hidden; text with neither keeps only its first and last character.
 */
public final class ContactMask {

    private static final Pattern DIGITS = Pattern.compile("\\+?\\d(?:[\\s-]?\\d){4,}");
    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}])[\\p{L}\\p{N}._%+-]*@");

    private ContactMask() {
    }

    public static String mask(String contact) {
        if (contact == null) {
            return null;
        }
        String masked = replace(EMAIL.matcher(contact), m -> m.group(1) + "***@");
        masked = replace(DIGITS.matcher(masked), m -> digits(m.group().replaceAll("\\D", "")));
        if (!masked.equals(contact)) {
            return masked;
        }
        int[] points = contact.codePoints().toArray();
        return points.length < 3 ? "***"
                : new String(points, 0, 1) + "***" + new String(points, points.length - 1, 1);
    }

    /** 139****5678 for a mobile; for shorter numbers the first and last two digits. */
    private static String digits(String digits) {
        if (digits.length() >= 11) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }

    private static String replace(Matcher matcher, java.util.function.Function<Matcher, String> replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
