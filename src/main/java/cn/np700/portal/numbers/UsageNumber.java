package cn.np700.portal.numbers;

import java.util.Optional;

/** A 15-digit 700 usage number (an intermediate number, X): {@code 700} + 12 digits, stored as digits only. */
public record UsageNumber(long value) {

    static final long FIRST = 700_0000_0000_0000L;
    static final long LAST = 700_9999_9999_9999L;

    public UsageNumber {
        if (value < FIRST || value > LAST) {
            throw new IllegalArgumentException("not a 700 usage number: " + value);
        }
    }

    /** A typed 15-digit number (spaces and dashes allowed), or empty when it is not one. */
    public static Optional<UsageNumber> parse(String typed) {
        String digits = BlockCode.digitsOf(typed);
        if (digits.length() != 15 || !digits.startsWith("700") || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(new UsageNumber(Long.parseLong(digits)));
    }

    public BlockCode block() {
        return BlockCode.ofNumber(value);
    }

    public String digits() {
        return Long.toString(value);
    }

    /** {@code 700 1234 5678 9012}, for reading. */
    public String display() {
        return display(value);
    }

    public static String display(long number) {
        String d = Long.toString(number);
        return d.substring(0, 3) + " " + d.substring(3, 7) + " " + d.substring(7, 11) + " " + d.substring(11);
    }

    @Override
    public String toString() {
        return digits();
    }
}
