package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTests {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void aLastingDataDirectoryUnderTheSystemTempDirectoryIsKnownToBeWipedAtEachStart() {
        assertThat(EmbeddedMariaDb.wipedAtEachStart(new EmbeddedDatabaseProperties(TMP.resolve("portal-data"), false, 0, null, null, null, null)))
                .isTrue();
    }

    @Test
    void temporaryDatabasesAndDirectoriesElsewhereAreNotWarnedAbout() {
        assertThat(EmbeddedMariaDb.wipedAtEachStart(new EmbeddedDatabaseProperties(TMP.resolve("portal-test"), true, 0, null, null, null, null)))
                .isFalse();
        assertThat(EmbeddedMariaDb.wipedAtEachStart(new EmbeddedDatabaseProperties(Path.of("/var/lib/portal"), false, 0, null, null, null, null)))
                .isFalse();
    }
}
