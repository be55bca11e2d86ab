package cn.np700.portal.tenancy.accounts;

import java.security.SecureRandom;

/** Initial passwords shown once to the operator or admin who creates an account; the user must replace them. */
public final class OneTimePasswords {

    // No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(14);
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
