package cn.np700.portal.verification.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "OK", value = {
            "11010519491231002X, OK",
            "11010519491231002x, OK",
            "110105 19491231 002X, OK",
            "440524198001010013, OK",
            "110105194912310021, CHECK",
            "11010519491231002, LENGTH",
            "1101051949123100201, LENGTH",
            "1101051949123100AX, CHARACTERS",
            "11010519491232002X, BIRTH_DATE",
            "110105203001010017, BIRTH_DATE",
    })
    void checksLengthCharactersBirthDateAndTheCheckCharacter(String typed, ResidentIdNumber.Problem expected) {
        assertThat(ResidentIdNumber.problem(typed, TODAY).orElse(null)).isEqualTo(expected);
    }
}
