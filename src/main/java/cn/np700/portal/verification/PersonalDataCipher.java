package cn.np700.portal.verification;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Real numbers at rest: AES-256-GCM with a fresh 12-byte nonce per value (stored as version, nonce, ciphertext and
 * tag), and an HMAC-SHA256 of the normalised number to find rows by number without decrypting any.
 */
@Component
public class PersonalDataCipher {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "np700-personal-v1".getBytes(StandardCharsets.UTF_8);

    private final PersonalDataKeys keys;
    // per thread: the default SecureRandom (NativePRNG) serialises all its callers on one lock held across a read of
    // /dev/urandom, where concurrent creations waited 200 ms on average on a loaded machine
    private final ThreadLocal<SecureRandom> nonces = ThreadLocal.withInitial(PersonalDataCipher::newRandom);
    // per thread, because looking the algorithm up and expanding the key cost more than a routed call's whole decision
    private final ThreadLocal<Cipher> sealers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);
    private final ThreadLocal<Cipher> openers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);
    private final ThreadLocal<Mac> indexers = ThreadLocal.withInitial(this::newMac);

    PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    public byte[] encrypt(String plain) {
        byte[] nonce = new byte[NONCE];
        nonces.get().nextBytes(nonce);
        try {
            Cipher cipher = sealers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.encryption(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no DRBG", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES-GCM", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored.length < 1 + NONCE || stored[0] != VERSION) {
            throw new IllegalArgumentException("not a value this cipher wrote");
        }
        try {
            Cipher cipher = openers.get();
            cipher.init(Cipher.DECRYPT_MODE, keys.encryption(), new GCMParameterSpec(TAG_BITS, stored, 1, NONCE));
            cipher.updateAAD(CONTEXT);
            return new String(cipher.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or altered value", e);
        }
    }

    /** The look-up hash of a normalised value; equal values hash equal, and nobody without the key can test guesses. */
    public byte[] index(String normalised) {
        return indexers.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.index());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hashing failed", e);
        }
    }
}
