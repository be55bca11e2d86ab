package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MobileNumbersTests {

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+86 138 0013 8000", "138-0013-8000", "+8613800138000", " 13800138000 "})
    void normalisesWhatPeopleType(String typed) {
        assertThat(MobileNumbers.normalize(typed)).contains("13800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "02088888888", "+1 650 253 0000", "1380013800", "abc", "700123456789012"})
    void refusesWhatIsNotAMainlandMobile(String typed) {
        assertThat(MobileNumbers.normalize(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000"})
    void masksTheMiddle(String digits) {
        assertThat(MobileNumbers.mask(digits)).isEqualTo("138****8000");
    }
}
