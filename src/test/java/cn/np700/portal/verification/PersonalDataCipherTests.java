package cn.np700.portal.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.database.EmbeddedDatabaseMarker;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class PersonalDataCipherTests {

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static PersonalDataCipher cipher(String encryptionKey, String indexKey) {
        return new PersonalDataCipher(new PersonalDataKeys(encryptionKey, indexKey,
                new DefaultListableBeanFactory().getBeanProvider(EmbeddedDatabaseMarker.class)));
    }

    @Test
    void aNumberComesBackAndIsNeverStoredTheSameWayTwice() {
        PersonalDataCipher cipher = cipher(randomKey(), randomKey());
        byte[] first = cipher.encrypt("13800138000");
        byte[] second = cipher.encrypt("13800138000");
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13800138000");
        assertThat(cipher.decrypt(first)).isEqualTo("13800138000");
        assertThat(cipher.decrypt(second)).isEqualTo("13800138000");
    }

    @Test
    void anAlteredValueOrAnotherKeyIsRefused() {
        String key = randomKey();
        PersonalDataCipher cipher = cipher(key, randomKey());
        byte[] stored = cipher.encrypt("13800138000");
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(IllegalStateException.class);
        byte[] intact = cipher.encrypt("13800138000");
        assertThatThrownBy(() -> cipher(randomKey(), randomKey()).decrypt(intact)).isInstanceOf(IllegalStateException.class);
    }

    /** One thread's cipher is used again and again: a refused value must not leave it unable to open the next. */
    @Test
    void aRefusedValueLeavesTheThreadsCipherWorking() {
        PersonalDataCipher cipher = cipher(randomKey(), randomKey());
        byte[] good = cipher.encrypt("13800138000");
        byte[] altered = cipher.encrypt("13900139000");
        altered[altered.length - 1] ^= 1;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cipher.decrypt(altered)).isInstanceOf(IllegalStateException.class);
            assertThat(cipher.decrypt(good)).isEqualTo("13800138000");
            assertThat(cipher.decrypt(cipher.encrypt("1380013800" + i))).isEqualTo("1380013800" + i);
            assertThat(cipher.index("13800138000")).isEqualTo(cipher.index("13800138000"));
        }
    }

    @Test
    void theLookUpHashIsStableForOneKeyAndUnrelatedUnderAnother() {
        String indexKey = randomKey();
        PersonalDataCipher one = cipher(randomKey(), indexKey);
        PersonalDataCipher sameIndexKey = cipher(randomKey(), indexKey);
        assertThat(one.index("13800138000")).hasSize(32).isEqualTo(sameIndexKey.index("13800138000"));
        assertThat(one.index("13800138000")).isNotEqualTo(one.index("13800138001"));
        assertThat(cipher(randomKey(), randomKey()).index("13800138000")).isNotEqualTo(one.index("13800138000"));
    }

    @Test
    void withoutKeysAndWithoutTheEmbeddedDatabaseTheStartStops() {
        assertThatThrownBy(() -> cipher("", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PORTAL_ENCRYPTION_KEY");
        assertThatThrownBy(() -> cipher(Base64.getEncoder().encodeToString(new byte[16]), randomKey()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher("not base64!", randomKey()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
    }
}
