package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.tenancy.UnifiedSocialCreditCode.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"91330100716105852F", "914403001922038216", "9144030071526726XG"})
    void acceptsRealPublishedCodes(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code)).isNull();
    }

    @Test
    void refusesAWrongCheckCharacter() {
        assertThat(UnifiedSocialCreditCode.problem("91330100716105852G")).isEqualTo(Problem.CHECK);
        assertThat(UnifiedSocialCreditCode.problem("914403001922038217")).isEqualTo(Problem.CHECK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9133010071610585", "91330100716105852FF", "91330100716105852"})
    void refusesWrongLengths(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code)).isEqualTo(Problem.LENGTH);
    }

    @Test
    void refusesNull() {
        assertThat(UnifiedSocialCreditCode.problem(null)).isEqualTo(Problem.LENGTH);
    }

    @Test
    void lowercaseIsRefusedAsTypedButAcceptedOnceNormalised() {
        assertThat(UnifiedSocialCreditCode.problem("9144030071526726xg")).isEqualTo(Problem.LOWERCASE);
        assertThat(UnifiedSocialCreditCode.normalize(" 9144 0300 7152 6726xg ")).isEqualTo("9144030071526726XG");
        assertThat(UnifiedSocialCreditCode.isValid(UnifiedSocialCreditCode.normalize("9144030071526726xg"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V'})
    void refusesLettersOutsideTheAlphabet(char letter) {
        String first17 = "91330100716105" + letter + "52";
        assertThat(UnifiedSocialCreditCode.problem(first17 + "0")).isEqualTo(Problem.CHARACTER);
    }

    @Test
    void refusesLettersInTheRegionCode() {
        String first17 = "9133A100716105852";
        assertThat(UnifiedSocialCreditCode.problem(first17 + UnifiedSocialCreditCode.checkCharacter(first17)))
                .isEqualTo(Problem.REGION);
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91330100716105852")).isEqualTo('F');
        assertThat(UnifiedSocialCreditCode.checkCharacter("91440300715267260")).isNotEqualTo('G');
    }
}
