package support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * What an authenticator app shows for a key (RFC 6238, HMAC-SHA1, 6 digits, 30 s), written here independently of the
 * portal's code. The portal accepts each 30-second step once per user, and one step ahead for clock drift, so each
 * code handed out is for a step later than the last one used with that key; if even the next allowed step lies
 * beyond the drift, this waits (explicitly, on the clock) until it comes within it.
 */
public final class TotpCodes {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private TotpCodes() {
    }

    public static synchronized String next(String base32Secret) {
        String key = base32Secret.replace(" ", "");
        long step = Math.max(currentStep(), LAST_STEP.getOrDefault(key, Long.MIN_VALUE) + 1);
        if (step > currentStep() + 1) {
            new FluentWait<>(step).withTimeout(Duration.ofSeconds(65)).pollingEvery(Duration.ofMillis(250))
                    .until(target -> currentStep() + 1 >= target);
        }
        LAST_STEP.put(key, step);
        return code(decode(key), step);
    }

    private static long currentStep() {
        return Instant.now().getEpochSecond() / 30;
    }

    private static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xf;
            int value = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
            return String.format("%06d", value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
