package cn.np700.portal.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * At least 10 characters, at most 72 bytes of UTF-8 (bcrypt's limit: it refuses longer input), and not the username.
 * Returns the message code of the first rule broken.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static Optional<String> violation(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("password.tooLong");
        }
        if (password.equalsIgnoreCase(username)) {
            return Optional.of("password.isUsername");
        }
        return Optional.empty();
    }
}
