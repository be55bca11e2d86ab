package cn.np700.portal.security.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B's SHA-1 test vectors, cut to the 6 digits authenticator apps show. */
class TotpTests {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesMatchTheRfcVectors() {
        assertThat(code(59)).isEqualTo("287082");
        assertThat(code(1111111109)).isEqualTo("081804");
        assertThat(code(1111111111)).isEqualTo("050471");
        assertThat(code(1234567890)).isEqualTo("005924");
        assertThat(code(2000000000)).isEqualTo("279037");
        assertThat(code(20000000000L)).isEqualTo("353130");
    }

    @Test
    void base32RoundTripsAndReadsWhatAppsShow() {
        assertThat(Totp.base32(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SECRET);
        byte[] random = Totp.newSecret();
        assertThat(Totp.fromBase32(Totp.base32(random))).isEqualTo(random);
    }

    private static String code(long epochSecond) {
        return Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(epochSecond)));
    }
}
