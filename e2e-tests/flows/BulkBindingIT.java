package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pages.BindingListPage;
import pages.BulkBindingPage;
import pages.BulkRunPage;
import pages.LoginPage;
import pages.Shell;
import support.Downloads;
import support.E2eTest;
import support.Waits;

/**
 * A tenant admin uploads a file whose header the portal refuses (the problem shows next to the file field), then a
 * small creation file, watches the run to its end, and downloads the result file. The demo's recipients and couriers
 * are verified with their consents on record; the pairs here are new ones, so the other flows' bindings are untouched.
 */
class BulkBindingIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    @Test
    void anAdminUploadsABindingFileWatchesItToTheEndAndDownloadsTheResult() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "e2e-uploads"));
        String stamp = Long.toString(System.nanoTime());
        Path refused = dir.resolve("refused-" + stamp + ".csv");
        Files.writeString(refused, "mode,a,bee,expiresInSeconds\nAXB,13900000021,13700000001,3600\n",
                StandardCharsets.UTF_8);
        String fileName = "bindings-" + stamp + ".csv";
        Path file = dir.resolve(fileName);
        Files.writeString(file, String.join("\n", "mode,a,b,expiresInSeconds,orderRef",
                "AXB,13900000021,13700000001,3600,BULK-" + stamp + "-1",
                "AXB,13900000022,13700000002,3600,BULK-" + stamp + "-2",
                "AXB,13900000023,12345,3600,") + "\n", StandardCharsets.UTF_8);
        Path downloads = Downloads.enable(driver);

        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        new Shell(driver).navigate("nav-bindings");
        BulkBindingPage bulk = new BindingListPage(driver).bulkBindings();
        assertThat(bulk.uploadRefused(refused)).contains("表头中的列“bee”无法识别", "未开始处理");

        BulkRunPage run = new BulkBindingPage(driver).upload(file).awaitDone(Duration.ofSeconds(30));
        assertThat(run.status()).isEqualTo("已完成");
        assertThat(run.fileName()).isEqualTo(fileName);
        assertThat(run.done()).isEqualTo("3 / 3");
        assertThat(run.count("created")).isEqualTo(2);
        assertThat(run.count("refused")).isEqualTo(1);
        assertThat(run.downloadHref()).matches("/bindings/bulk/\\d+/result\\.csv");

        Waits.clickable(driver, By.id("bulk-download")).click();
        String result = Files.readString(Downloads.await(driver, downloads, ".csv"), StandardCharsets.UTF_8);
        assertThat(result).contains("line,outcome,bindingId,x,detail,code,field,message");
        assertThat(result.lines().filter(line -> line.contains(",ok,"))).hasSize(2);
        assertThat(result).containsPattern("\\n\\d+,refused,.*INVALID_NUMBER,b,");
    }
}
