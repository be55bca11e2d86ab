package cn.np700.portal.tenancy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Mainland China mobile numbers as people type them (+86, spaces, dashes), normalised to 11 digits. */
public final class MobileNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private MobileNumbers() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), "CN");
            boolean mobile = number.getCountryCode() == 86 && UTIL.isValidNumberForRegion(number, "CN")
                    && UTIL.getNumberType(number) == PhoneNumberType.MOBILE;
            return mobile ? Optional.of(Long.toString(number.getNationalNumber())) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** 138****5678: enough to recognise, not enough to call. */
    public static String mask(String digits) {
        if (digits == null || digits.length() < 7) {
            return digits;
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }
}
