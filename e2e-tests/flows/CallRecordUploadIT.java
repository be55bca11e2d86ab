package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pages.BindingListPage;
import pages.BindingPage;
import pages.CallRecordUploadPage;
import pages.LoginPage;
import pages.Shell;
import support.Downloads;
import support.E2eTest;

/**
 * An operator admin uploads a small CSV of call records through a binding of the demo data (its X read from the
 * binding's page by 快达's agent): the upload runs in the background, its panel shows it DONE with one line of each
 * outcome, and the result file says what became of each line, in order.
 */
class CallRecordUploadIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    /** The demo data's first delivery binding: recipient (A) 13900000001, courier (B) 13700000002, both ways. */
    private static final String A = "13900000001";
    private static final String B = "13700000002";
    private static final String HEADER = "callId,x,caller,callee,type,startTime,answerTime,releaseTime,durationSeconds,"
            + "releaseCause,releaseSide,result";

    @TempDir
    Path files;

    @Test
    void anOperatorUploadsCallRecordsWatchesTheRunFinishAndDownloadsTheResult() throws IOException {
        // 1. the binding's X, as 快达's agent sees it
        LoginPage.open(driver, app).signIn("kuaida-agent", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-bindings");
        BindingListPage found = new BindingListPage(driver).search(A);
        List<Long> ids = found.ids();
        assertThat(ids).hasSize(1);
        BindingPage binding = found.open(ids.get(0));
        String x = binding.fact("x").replace(" ", "");
        assertThat(x).matches("700\\d{12}");
        shell.signOut();

        // 2. a file: a call through that binding, the same call again, a call between strangers, a fax
        String id = "IT-" + System.currentTimeMillis() + "-";
        Instant start = Instant.now().minus(30, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        String call = String.join(",", id + "1", x, A, B, "VOICE", start.toString(), start.plusSeconds(3).toString(),
                start.plusSeconds(13).toString(), "10", "16", "CALLER", "ANSWERED");
        String stranger = String.join(",", id + "2", x, "13012345678", "13112345678", "VOICE", start.toString(), "",
                start.plusSeconds(5).toString(), "0", "17", "CALLEE", "BUSY");
        String fax = String.join(",", id + "3", x, A, B, "FAX", start.toString(), "", start.plusSeconds(5).toString(),
                "0", "16", "CALLER", "ANSWERED");
        Path file = files.resolve("calls-" + id + ".csv");
        Files.writeString(file, String.join("\n", HEADER, call, call, stranger, fax) + "\n", StandardCharsets.UTF_8);

        // 3. the operator admin uploads it and watches the run end
        Path downloads = Downloads.enable(driver);
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        CallRecordUploadPage upload = CallRecordUploadPage.open(driver, app).upload(file).awaitDone();
        assertThat(upload.status()).isEqualTo("已完成");
        assertThat(upload.fileName()).isEqualTo(file.getFileName().toString());
        assertThat(upload.done()).isEqualTo("4 / 4");
        assertThat(upload.count("ACCEPTED")).isEqualTo(1);
        assertThat(upload.count("DUPLICATE")).isEqualTo(1);
        assertThat(upload.count("UNMATCHED")).isEqualTo(1);
        assertThat(upload.count("REJECTED")).isEqualTo(1);
        assertThat(upload.downloadHref()).matches("/operator/calls/upload/\\d+/result\\.csv");

        // 4. the result file: each line once, in order, with what became of it
        Path result = upload.downloadResult(downloads);
        assertThat(result.getFileName().toString()).matches("call-records-upload-\\d+\\.csv");
        List<String> rows = Files.readString(result, StandardCharsets.UTF_8).replace("\uFEFF", "").lines().toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo("line,callId,outcome,reason,message");
        assertThat(rows.get(1)).startsWith("2," + id + "1,accepted,");
        assertThat(rows.get(2)).startsWith("3," + id + "1,duplicate,");
        assertThat(rows.get(3)).startsWith("4," + id + "2,unmatched,NO_BINDING,");
        assertThat(rows.get(4)).startsWith("5," + id + "3,rejected,UNKNOWN_TYPE,");
    }
}
