package cn.np700.portal.verification.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** The 18-character resident ID number of GB 11643: region, birth date, sequence, and an ISO 7064 MOD 11-2 check. */
final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    enum Problem { LENGTH, CHARACTERS, BIRTH_DATE, CHECK }

    private ResidentIdNumber() {
    }

    /** The number as stored (upper-case X, no spaces). */
    static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase();
    }

    static Optional<Problem> problem(String typed, LocalDate today) {
        String id = normalize(typed);
        if (id.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        if (!id.substring(0, 17).chars().allMatch(Character::isDigit)
                || !(Character.isDigit(id.charAt(17)) || id.charAt(17) == 'X')) {
            return Optional.of(Problem.CHARACTERS);
        }
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (born.isAfter(today) || born.getYear() < 1900) {
                return Optional.of(Problem.BIRTH_DATE);
            }
        } catch (DateTimeException e) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        return checkCharacter(id.substring(0, 17)) == id.charAt(17) ? Optional.empty() : Optional.of(Problem.CHECK);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
