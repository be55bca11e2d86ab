package cn.np700.portal.verification;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
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
    private final ThreadLocal<Nonces> nonces = ThreadLocal.withInitial(Nonces::new);
    // per thread, because looking the algorithm up and expanding the key cost more than a routed call's whole decision
    private final ThreadLocal<Cipher> sealers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);
    private final ThreadLocal<Cipher> openers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);
    private final ThreadLocal<Mac> indexers = ThreadLocal.withInitial(this::newMac);

    PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    public byte[] encrypt(String plain) {
        byte[] nonce = nonces.get().next();
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

    /**
     * A thread's nonces: random bytes drawn from its DRBG {@value #BATCH} nonces at a time, each handed out once (a
     * DRBG request costs about the same for 12 bytes as for a kilobyte).
     */
    private static final class Nonces {

        static final int BATCH = 64;

        private final SecureRandom random;
        private final byte[] drawn = new byte[NONCE * BATCH];
        private int used = drawn.length;

        Nonces() {
            try {
                random = SecureRandom.getInstance("DRBG");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no DRBG", e);
            }
        }

        byte[] next() {
            if (used == drawn.length) {
                random.nextBytes(drawn);
                used = 0;
            }
            byte[] nonce = Arrays.copyOfRange(drawn, used, used + NONCE);
            Arrays.fill(drawn, used, used + NONCE, (byte) 0);
            used += NONCE;
            return nonce;
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
