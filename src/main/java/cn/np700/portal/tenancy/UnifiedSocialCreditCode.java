package cn.np700.portal.tenancy;

/**
 * The 18-character unified social credit code of GB 32100-2015: 17 characters from a 31-character alphabet
 * (digits and capitals without I, O, Z, S, V), then a check character computed with weights 3^i mod 31.
 */
public final class UnifiedSocialCreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Why a code is refused; each maps to a message in the bundles. */
    public enum Problem { LENGTH, LOWERCASE, CHARACTER, REGION, CHECK }

    private UnifiedSocialCreditCode() {
    }

    /** What a user typed, with spaces removed and letters upper-cased, ready for {@link #problem}. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.replaceAll("[\\s-]", "").toUpperCase();
    }

    /** Null when the code is valid; otherwise the first thing wrong with it. Case matters here: normalise first. */
    public static Problem problem(String code) {
        if (code == null || code.length() != 18) {
            return Problem.LENGTH;
        }
        if (!code.equals(code.toUpperCase())) {
            return Problem.LOWERCASE;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Problem.CHARACTER;
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Problem.REGION;
            }
        }
        return checkCharacter(code.substring(0, 17)) == code.charAt(17) ? null : Problem.CHECK;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }
}
