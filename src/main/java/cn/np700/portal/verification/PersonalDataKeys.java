package cn.np700.portal.verification;

import cn.np700.portal.database.EmbeddedDatabaseMarker;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The two keys that protect real numbers: one encrypts them (AES-256-GCM), the other makes their look-up hash
 * (HMAC-SHA256). Both come from configuration; only on the embedded database, where there is nobody to configure
 * them, are they generated once into its data directory. On an external database a missing key stops the start.
 */
@Component
class PersonalDataKeys {

    static final String FILE = "personal-data-keys.properties";

    private final SecretKey encryption;
    private final SecretKey index;

    PersonalDataKeys(@Value("${portal.crypto.encryption-key:}") String encryptionKey,
            @Value("${portal.crypto.index-key:}") String indexKey, ObjectProvider<EmbeddedDatabaseMarker> embedded) {
        if (encryptionKey.isBlank() || indexKey.isBlank()) {
            EmbeddedDatabaseMarker marker = embedded.getIfAvailable();
            if (marker == null) {
                throw new IllegalStateException("Set PORTAL_ENCRYPTION_KEY and PORTAL_INDEX_KEY (each 32 random bytes, "
                        + "base64) to protect real mobile numbers; they are generated only for the embedded database.");
            }
            Properties generated = generatedIn(marker.dataDir());
            encryptionKey = encryptionKey.isBlank() ? generated.getProperty("encryption") : encryptionKey;
            indexKey = indexKey.isBlank() ? generated.getProperty("index") : indexKey;
        }
        this.encryption = key(encryptionKey, "AES", "portal.crypto.encryption-key");
        this.index = key(indexKey, "HmacSHA256", "portal.crypto.index-key");
    }

    SecretKey encryption() {
        return encryption;
    }

    SecretKey index() {
        return index;
    }

    private static SecretKey key(String base64, String algorithm, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes, base64-encoded; it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, algorithm);
    }

    private static synchronized Properties generatedIn(Path dir) {
        Path file = dir.resolve(FILE);
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    keys.load(in);
                }
                return keys;
            }
            SecureRandom random = new SecureRandom();
            for (String name : new String[] {"encryption", "index"}) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                keys.setProperty(name, Base64.getEncoder().encodeToString(bytes));
            }
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(file)) {
                keys.store(out, "Keys for the embedded database's personal data; losing them loses the encrypted numbers");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection has to do
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
