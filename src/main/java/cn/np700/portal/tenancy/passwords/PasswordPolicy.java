package cn.np700.portal.tenancy.passwords;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * At least 10 characters, at most 72 bytes of UTF-8 (bcrypt's limit: it refuses longer input), not the username, and
 * hard to guess: zxcvbn's estimate (its dictionaries of common passwords, words and names, keyboard rows, repeats,
 * sequences and dates) must reach score 3, about 10^8 guesses or more. Returns the message code of the first rule
 * broken; a weak password's code names what made it guessable.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;
    static final int MIN_SCORE = 3;

    // the estimator loads its dictionaries once; measuring keeps no state between calls
    private static final Zxcvbn ESTIMATOR = new Zxcvbn();
    private static final List<String> PORTAL_WORDS = List.of("np700", "portal", "700");

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
        List<String> userWords = username == null ? PORTAL_WORDS
                : List.of(username, PORTAL_WORDS.get(0), PORTAL_WORDS.get(1), PORTAL_WORDS.get(2));
        Strength strength = ESTIMATOR.measure(password, userWords);
        if (strength.getScore() < MIN_SCORE) {
            return Optional.of(weakness(strength));
        }
        return Optional.empty();
    }

    /** The message for the longest guessable part of the password. */
    private static String weakness(Strength strength) {
        return strength.getSequence().stream()
                .filter(m -> m.pattern != Pattern.Bruteforce)
                .max(Comparator.comparingInt((Match m) -> m.token.length()))
                .map(m -> switch (m.pattern) {
                    case Dictionary -> "password.weak.common";
                    case Repeat, Sequence -> "password.weak.pattern";
                    case Spatial -> "password.weak.keyboard";
                    case Date -> "password.weak.date";
                    default -> "password.weak.guessable";
                })
                .orElse("password.weak.guessable");
    }
}
