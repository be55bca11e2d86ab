package flows;

import static org.assertj.core.api.Assertions.assertThat;
import static support.Mobiles.random;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pages.BulkRunPage;
import pages.BulkVerificationPage;
import pages.LoginPage;
import pages.Shell;
import pages.VerificationsPage;
import support.E2eTest;
import support.Reloads;

/**
 * A tenant admin uploads a small CSV of numbers for bulk verification, watches the run's panel refresh itself until
 * it is done, and finds the counts by outcome and the result file's link (the simulator: 1700 not registered).
 */
class BulkVerificationIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    @Test
    void aTenantAdminUploadsAFileAndWatchesItsChecksToTheEnd() throws IOException {
        String fileName = "bulk-" + System.nanoTime() + ".csv";
        Path file = Files.createDirectories(Path.of("target", "e2e-uploads")).resolve(fileName);
        Files.writeString(file, String.join("\n", "mobile,name,id_number", random("138"), random("139"),
                random("1700"), "12345", random("138") + ",张三,11010519491231002X") + "\n", StandardCharsets.UTF_8);

        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-verifications");
        new VerificationsPage(driver);
        Reloads.click(driver, By.id("bulk-verify"));

        BulkRunPage run = new BulkVerificationPage(driver).upload(file).awaitDone(Duration.ofSeconds(30));
        assertThat(run.status()).isEqualTo("已完成");
        assertThat(run.fileName()).isEqualTo(fileName);
        assertThat(run.done()).isEqualTo("5 / 5");
        assertThat(run.count("VERIFIED")).isEqualTo(3);
        assertThat(run.count("UNREGISTERED")).isEqualTo(1);
        assertThat(run.count("INVALID")).isEqualTo(1);
        assertThat(run.count("MISMATCH") + run.count("ERROR")).isZero();
        assertThat(run.canCancel()).isFalse();
        assertThat(run.downloadHref()).matches("/verifications/bulk/\\d+/result\\.csv");
    }
}
