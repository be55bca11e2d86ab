package cn.np700.portal.bindings.rules;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.PersonalDataCipher;

/** A real number as a binding stores it: encrypted, its keyed hash for look-ups, and its masked form for display. */
public record SealedNumber(byte[] cipher, byte[] hash, String masked) {

    /** Stands for "any caller" in the slot an AXN binding holds on its X. */
    public static final byte[] ANY_CALLER = new byte[32];

    public static SealedNumber of(String digits, PersonalDataCipher crypto) {
        if (digits == null) {
            return null;
        }
        return new SealedNumber(crypto.encrypt(digits), crypto.index(digits), PhoneNumbers.maskMobile(digits));
    }

    public static byte[] hashOf(SealedNumber number) {
        return number == null ? null : number.hash();
    }
}
