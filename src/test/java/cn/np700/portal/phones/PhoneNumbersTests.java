package cn.np700.portal.phones;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTests {

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+86 138 0013 8000", "138-0013-8000", "+8613800138000", " 13800138000 "})
    void normalisesWhatPeopleType(String typed) {
        assertThat(PhoneNumbers.normalizeMobile(typed)).contains("13800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "02088888888", "+1 650 253 0000", "1380013800", "abc", "700123456789012",
            "10086100861", "12345678901", "1380013800x"})
    void refusesWhatIsNotAMainlandMobile(String typed) {
        assertThat(PhoneNumbers.normalizeMobile(typed)).isEmpty();
    }

    /**
     * The shortcut for eleven bare digits answers as the whole parse does: one number under every 7-digit prefix of a
     * hundred (the mobile ranges are told apart by their first digits; all million prefixes agreed when checked once).
     */
    @Test
    void elevenBareDigitsReadAsTheWholeParseReadsThem() {
        java.util.Random random = new java.util.Random(18);
        int mobiles = 0;
        for (int prefix = 1_000_000; prefix <= 1_999_999; prefix += 1 + random.nextInt(199)) {
            String typed = prefix + String.format("%04d", random.nextInt(10_000));
            assertThat(PhoneNumbers.normalizeMobile(typed)).as(typed).isEqualTo(PhoneNumbers.parsedMobile(typed));
            mobiles += PhoneNumbers.normalizeMobile(typed).isPresent() ? 1 : 0;
        }
        assertThat(mobiles).as("mobile ranges met").isGreaterThan(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000"})
    void masksTheMiddle(String digits) {
        assertThat(PhoneNumbers.maskMobile(digits)).isEqualTo("138****8000");
    }

    @Test
    void aMobileMaskKeepsTheFirstThreeAndLastFourOfAnyLongerNumberAndLeavesAShortOneAlone() {
        assertThat(PhoneNumbers.maskMobile("138001380001")).isEqualTo("138****0001");
        assertThat(PhoneNumbers.maskMobile("123456")).isEqualTo("123456");
        assertThat(PhoneNumbers.maskMobile(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"13800138000, 13800138000", "+8613800138000, 13800138000", "008613800138000, 13800138000",
            "8613800138000, 13800138000", "'138 0013-8000', 13800138000", "02088888888, 02088888888",
            "95588, 95588"})
    void readsTheNumbersACarrierSends(String sent, String digits) {
        assertThat(PhoneNumbers.normalizeCallNumber(sent)).contains(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234", "1380013800", "138001380001", "13800+138000", "abc", "123456789012345678901"})
    void refusesWhatNoCarrierWouldSend(String sent) {
        assertThat(PhoneNumbers.normalizeCallNumber(sent)).isEmpty();
    }

    @Test
    void refusesNoCallNumberAtAll() {
        assertThat(PhoneNumbers.normalizeCallNumber(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"13800138000, 138****8000", "02088888888, 020****8888", "0208888888, ******8888", "95588, *5588",
            "1234, 1234"})
    void aCallNumberMaskKeepsTheLastFourDigits(String digits, String masked) {
        assertThat(PhoneNumbers.maskCallNumber(digits)).isEqualTo(masked);
    }
}
