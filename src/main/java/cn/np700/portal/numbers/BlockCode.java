package cn.np700.portal.numbers;

import java.util.Optional;

/** An 11-digit management code, {@code 700} + 8 digits, naming the 10,000 usage numbers {@code <code>0000…<code>9999}. */
public record BlockCode(long value) implements Comparable<BlockCode> {

    public static final long FIRST = 700_0000_0000L;
    public static final long LAST = 700_9999_9999L;
    public static final int NUMBERS_PER_BLOCK = 10_000;

    public BlockCode {
        if (value < FIRST || value > LAST) {
            throw new IllegalArgumentException("not a 700 block code: " + value);
        }
    }

    /** Why a typed code is not one, or empty when it is; spaces and dashes people type for grouping are ignored. */
    public static Optional<Problem> problem(String typed) {
        String digits = digitsOf(typed);
        if (digits.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (!digits.chars().allMatch(Character::isDigit)) {
            return Optional.of(Problem.NOT_DIGITS);
        }
        if (digits.length() != 11) {
            return Optional.of(Problem.LENGTH);
        }
        if (!digits.startsWith("700")) {
            return Optional.of(Problem.NOT_700);
        }
        return Optional.empty();
    }

    public static Optional<BlockCode> parse(String typed) {
        return problem(typed).isPresent() ? Optional.empty() : Optional.of(new BlockCode(Long.parseLong(digitsOf(typed))));
    }

    public static BlockCode of(long value) {
        return new BlockCode(value);
    }

    public static BlockCode ofNumber(long usageNumber) {
        return new BlockCode(usageNumber / NUMBERS_PER_BLOCK);
    }

    public long firstNumber() {
        return value * NUMBERS_PER_BLOCK;
    }

    public long lastNumber() {
        return firstNumber() + NUMBERS_PER_BLOCK - 1;
    }

    public String digits() {
        return Long.toString(value);
    }

    /** {@code 700 1234 5678}, for reading. */
    public String display() {
        String d = digits();
        return d.substring(0, 3) + " " + d.substring(3, 7) + " " + d.substring(7);
    }

    @Override
    public int compareTo(BlockCode other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return digits();
    }

    /**
     * A typed range {@code first-last}, or one code. Dashes also group digits ({@code 700-1234-5678}), so a dash
     * separates a range only where a whole 11-digit code stands before it; what follows is the last code, checked
     * on its own.
     */
    public static String[] splitRange(String typed) {
        for (int i = typed.indexOf('-'); i >= 0; i = typed.indexOf('-', i + 1)) {
            if (digitsOf(typed.substring(0, i)).length() == 11) {
                return new String[] {typed.substring(0, i), typed.substring(i + 1)};
            }
        }
        return new String[] {typed};
    }

    /** {@code typed} without whitespace and dashes. A loop, not a regular expression: routing parses X on every call. */
    public static String digitsOf(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder digits = null;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            boolean separator = c == '-' || c == ' ' || (c >= '\t' && c <= '\r');
            if (separator && digits == null) {
                digits = new StringBuilder(typed.length()).append(typed, 0, i);
            } else if (!separator && digits != null) {
                digits.append(c);
            }
        }
        return digits == null ? typed : digits.toString();
    }

    public enum Problem {
        EMPTY, NOT_DIGITS, LENGTH, NOT_700
    }
}
