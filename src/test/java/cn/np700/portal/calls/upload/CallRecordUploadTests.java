package cn.np700.portal.calls.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.calls.TrafficTenants;
import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.unit.DataSize;

/**
 * Operators' CSV upload of call records, a background run: the carrier API's checks line by line, good lines stored
 * while bad ones are reported by line, progress and a result file; bad files refused with nothing stored; a re-upload
 * stores nothing twice; the same file twice at once refused; a cancel keeps what was stored and counted, and nothing of
 * the step in flight. (A node dying mid-upload: {@link CallRecordUploadTakeoverTests}.)
 */
@PortalIntegrationTest
class CallRecordUploadTests {

    private static final String PAGE = "/operator/calls/upload";
    private static final String HEADER = "callId,x,caller,callee,type,startTime,ringTime,answerTime,releaseTime,"
            + "durationSeconds,releaseCause,releaseSide,result";

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TrafficTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;
    @Autowired
    @Qualifier(ExecutorNames.RUN_WORKERS)
    ThreadPoolTaskExecutor workers;
    @Value("${spring.servlet.multipart.max-file-size}")
    DataSize multipartLimit;

    TrafficTenants.Bound bound;
    TrafficTenants.Pair pair;
    Instant start;
    String prefix;

    @BeforeEach
    void bound() throws Exception {
        bound = tenants.bound(1, 0);
        pair = bound.pairs().get(0);
        // three days back, so that these records sit below other tests' newest ones
        start = tenants.madeAgo(bound, Duration.ofDays(3)).plus(Duration.ofMinutes(5));
        prefix = "UP-" + System.nanoTime() + "-";
    }

    @AfterEach
    void letGo() {
        HeldStep.clear();
    }

    /** An answered call from A to B through X, {@code n} minutes after the binding's first usable minute. */
    private String answered(String callId, int n) {
        Instant t = start.plus(Duration.ofMinutes(n));
        return String.join(",", callId, Long.toString(pair.x()), pair.a(), pair.other(), "VOICE", t.toString(),
                t.plusSeconds(2).toString(), t.plusSeconds(8).toString(), t.plusSeconds(68).toString(), "60", "16",
                "CALLER", "ANSWERED");
    }

    private ResultActions upload(String fileName, byte[] content) throws Exception {
        return mvc.perform(multipart(PAGE).file(new MockMultipartFile("file", fileName, "text/csv", content))
                .with(csrf()).with(TestLogins.as(accounts, "operator")));
    }

    private long started(String fileName, String content) throws Exception {
        long id = begun(fileName, content);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> !upload(id).running());
        return id;
    }

    private long begun(String fileName, String content) throws Exception {
        String location = upload(fileName, content.getBytes(StandardCharsets.UTF_8))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches(PAGE + "/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private Run upload(long id) {
        return runs.findOfKind(CallRecordUploadWork.KIND, id).orElseThrow();
    }

    private static Map<String, Integer> counts(int accepted, int unmatched, int duplicates, int rejected) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("accepted", accepted);
        counts.put("unmatched", unmatched);
        counts.put("duplicates", duplicates);
        counts.put("rejected", rejected);
        return counts;
    }

    private static Map<String, Integer> countsOf(Run run) {
        return counts(run.counts().of("accepted"), run.counts().of("unmatched"), run.counts().of("duplicates"),
                run.counts().of("rejected"));
    }

    private int rows(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM call_upload_row WHERE run_id = ?").param(id).query(Integer.class).single();
    }

    private long stored() {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param(prefix + "%").query(Long.class).single();
    }

    private long uploads() {
        return jdbc.sql("SELECT COUNT(*) FROM background_run WHERE kind = ?").param(CallRecordUploadWork.KIND)
                .query(Long.class).single();
    }

    /** The result file's rows by line number: callId, outcome, reason. */
    private Map<Integer, List<String>> result(long id) throws Exception {
        byte[] body = mvc.perform(get(PAGE + "/" + id + "/result.csv").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("call-records-upload-" + id + ".csv")))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFline,callId,outcome,reason,message");
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        for (String row : text.substring(1).split("\r?\n")) {
            String[] cells = row.split(",", -1);
            if (!"line".equals(cells[0])) {
                rows.put(Integer.parseInt(cells[0]), List.of(cells[1], cells[2], cells[3]));
            }
        }
        return rows;
    }

    /** The result file echoes the uploader's call ids: one that reads as a formula is neutralised (issue 23). */
    @Test
    void callIdsThatLookLikeFormulasAreNeutralisedInTheResultFile() throws Exception {
        String file = String.join("\n", HEADER, answered("=HYPERLINK(1)" + prefix, 1),
                answered("@SUM(1)" + prefix, 2).replace(",VOICE,", ",FAX,"), answered("+1" + prefix, 3),
                answered("-1" + prefix, 4)) + "\n";

        Map<Integer, List<String>> rows = result(started("formulas.csv", file));

        assertThat(rows.get(2).get(0)).isEqualTo("'=HYPERLINK(1)" + prefix);
        assertThat(rows.get(3).get(0)).isEqualTo("'@SUM(1)" + prefix);
        assertThat(rows.get(4).get(0)).isEqualTo("'+1" + prefix);
        assertThat(rows.get(5).get(0)).isEqualTo("'-1" + prefix);
    }

    @Test
    void goodLinesAreStoredWhileBadOnesAreReportedByLineAndAReuploadStoresNothingTwice() throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 1_100; i++) {
            lines.add(answered(prefix + i, i % 50));
        }
        // line 1,102: a call through X between strangers, kept for review
        lines.add(String.join(",", prefix + "stranger", Long.toString(pair.x()), "13012345678", "13112345678", "VOICE",
                start.toString(), "", "", start.plusSeconds(5).toString(), "0", "17", "CALLEE", "BUSY"));
        lines.add("");
        // line 1,104: the same call id again
        lines.add(answered(prefix + "7", 3));
        // line 1,105: released before it started
        lines.add(String.join(",", prefix + "early", Long.toString(pair.x()), pair.a(), pair.other(), "VOICE",
                start.plusSeconds(60).toString(), "", "", start.toString(), "0", "19", "NETWORK", "NO_ANSWER"));
        // line 1,106: an X of no block of this platform
        lines.add(answered(prefix + "nox", 2).replace(Long.toString(pair.x()), "700999999990000"));
        // line 1,107: a duration that is not a whole number
        lines.add(answered(prefix + "half", 2).replace(",60,16,", ",6.5,16,"));
        // line 1,108: a type the API does not know
        lines.add(answered(prefix + "fax", 2).replace(",VOICE,", ",FAX,"));
        String file = String.join("\n", lines) + "\n";
        long dailyBefore = jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM call_daily_tenant WHERE tenant_id = ?")
                .param(bound.tenantId()).query(Long.class).single();

        long id = started("calls.csv", file);

        Run done = upload(id);
        assertThat(done.status()).isEqualTo(RunStatus.DONE);
        assertThat(done.total()).isEqualTo(1_106);
        assertThat(done.position()).isEqualTo(1_106);
        assertThat(countsOf(done)).isEqualTo(counts(1_100, 1, 1, 4));
        assertThat(rows(id)).isEqualTo(1_106);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run_input WHERE run_id = ?").param(id).query(Integer.class)
                .single()).as("the file goes with the run's end").isZero();
        assertThat(stored()).isEqualTo(1_101);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ? AND match_status = 'MATCHED' "
                + "AND tenant_id = ?").params(prefix + "%", bound.tenantId()).query(Long.class).single()).isEqualTo(1_100);
        assertThat(jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM call_daily_tenant WHERE tenant_id = ?")
                .param(bound.tenantId()).query(Long.class).single()).isEqualTo(dailyBefore + 1_100);
        Map<Integer, List<String>> result = result(id);
        assertThat(result).hasSize(1_106);
        assertThat(result.get(2)).containsExactly(prefix + "0", "accepted", "");
        assertThat(result.get(1_101)).containsExactly(prefix + "1099", "accepted", "");
        assertThat(result.get(1_102)).containsExactly(prefix + "stranger", "unmatched", "NO_BINDING");
        assertThat(result).doesNotContainKey(1_103);
        assertThat(result.get(1_104)).containsExactly(prefix + "7", "duplicate", "");
        assertThat(result.get(1_105)).containsExactly(prefix + "early", "rejected", "RELEASE_BEFORE_START");
        assertThat(result.get(1_106)).containsExactly(prefix + "nox", "rejected", "UNKNOWN_X");
        assertThat(result.get(1_107)).containsExactly(prefix + "half", "rejected", "MALFORMED_INTEGER");
        assertThat(result.get(1_108)).containsExactly(prefix + "fax", "rejected", "UNKNOWN_TYPE");

        long again = started("calls-again.csv", file);

        assertThat(upload(again).status()).isEqualTo(RunStatus.DONE);
        assertThat(countsOf(upload(again))).isEqualTo(counts(0, 0, 1_102, 4));
        assertThat(stored()).isEqualTo(1_101);
        assertThat(jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM call_daily_tenant WHERE tenant_id = ?")
                .param(bound.tenantId()).query(Long.class).single()).isEqualTo(dailyBefore + 1_100);
        assertThat(result(again).get(2)).containsExactly(prefix + "0", "duplicate", "");
    }

    @Test
    void theUploadShowsItsProgressAndOutcomeAndIsAudited() throws Exception {
        long id = started("two.csv", HEADER + "\n" + answered(prefix + "a", 1) + "\n" + answered(prefix + "b", 2) + "\n");

        mvc.perform(get(PAGE + "/" + id).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("two.csv")))
                .andExpect(content().string(containsString("id=\"upload-download\"")));
        mvc.perform(get(PAGE + "/" + id).header("HX-Request", "true").with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(not(containsString("hx-trigger"))))
                .andExpect(content().string(containsString("2 / 2")));
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("id=\"upload-" + id + "\"")));
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE target_type = 'CALL_RECORD_UPLOAD' AND target_id = ? "
                        + "AND actor = 'operator' ORDER BY id").param(Long.toString(id)).query(String.class).list())
                .containsExactly("CALL_RECORD_UPLOAD_STARTED", "CALL_RECORD_UPLOAD_FINISHED");

        // while an upload runs (on another node, which beats for it), its panel asks for itself and has no result file
        jdbc.sql("UPDATE background_run SET status = 'RUNNING', owner_node = 'elsewhere', heartbeat_at = NOW(3) "
                + "WHERE id = ?").param(id).update();
        mvc.perform(get(PAGE + "/" + id).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("hx-trigger=\"every 1s\"")))
                .andExpect(content().string(not(containsString("id=\"upload-download\""))));
        mvc.perform(get(PAGE + "/" + id + "/result.csv").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().is3xxRedirection());
        jdbc.sql("UPDATE background_run SET status = 'DONE', owner_node = NULL WHERE id = ?").param(id).update();
    }

    @Test
    void badFilesAreRefusedWithAClearMessageAndNothingIsStored() throws Exception {
        long before = uploads();
        String good = answered(prefix + "x", 1) + "\n";

        upload("calls.csv", ("callId,x,caller,type,startTime\n" + good).getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isOk()).andExpect(content().string(containsString("缺少必填的列：result")));
        upload("calls.csv", (HEADER + ",tenantId\n" + good).getBytes(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("未知的列“tenantId”")));
        upload("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13})
                .andExpect(content().string(containsString("无法读取文件“photo.png”")));
        upload("calls.csv", (HEADER + "\n\"" + good).getBytes(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("无法读取文件“calls.csv”")));
        upload("calls.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("没有话单")));
        StringBuilder many = new StringBuilder(HEADER + "\n");
        for (int i = 0; i <= CallRecordUploadFile.MAX_ROWS; i++) {
            many.append("r\n");
        }
        upload("many.csv", many.toString().getBytes(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("超过 100,000 行")));
        long limit = Math.min(CallRecordUploadFile.MAX_BYTES, multipartLimit.toBytes());
        upload("large.csv", new byte[(int) limit + 1])
                .andExpect(content().string(containsString("“large.csv”超过 " + limit / (1024 * 1024) + " MB")));
        mvc.perform(multipart(PAGE).with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("请选择要上传的 CSV 文件")));

        assertThat(uploads()).isEqualTo(before);
        assertThat(stored()).isZero();
    }

    @Test
    void onlyOperatorAdminsMayUpload() throws Exception {
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("callId,x,caller,callee,type")));
        mvc.perform(get(PAGE).with(TestLogins.as(accounts, "auditor"))).andExpect(status().isForbidden());
        mvc.perform(multipart(PAGE).file(new MockMultipartFile("file", "c.csv", "text/csv", new byte[] {1}))
                .with(csrf()).with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
    }

    /** A file of {@code lines} answered calls, each its own call id. */
    private String calls(int lines, String tag) {
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < lines; i++) {
            file.append(answered(prefix + tag + i, i % 50)).append('\n');
        }
        return file.toString();
    }

    @Test
    void theSameFileTwiceAtOnceIsRefusedNamingTheRunningOneWhileAnotherFileMayRun() throws Exception {
        String file = calls(3, "same");
        String fileName = prefix + "same.csv";
        HeldStep.Hold hold = HeldStep.at(fileName, 0, "");
        long first = begun(fileName, file);
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();
        long before = uploads();

        upload("again.csv", file.getBytes(StandardCharsets.UTF_8)).andExpect(status().isOk())
                .andExpect(content().string(containsString("已有同类任务在运行：“" + fileName + "”，由 operator")))
                .andExpect(content().string(containsString("已完成 0/3")))
                .andExpect(content().string(containsString("href=\"/operator/calls/upload/" + first + "\"")));
        assertThat(uploads()).isEqualTo(before);

        // (it would wait for the held step's roll-up rows, so it is only started here)
        long other = begun("other.csv", calls(2, "other"));

        hold.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> !upload(first).running() && !upload(other).running());
        assertThat(countsOf(upload(other))).as("a different file ran beside it").isEqualTo(counts(2, 0, 0, 0));
        assertThat(countsOf(upload(first))).isEqualTo(counts(3, 0, 0, 0));
        assertThat(begun("again.csv", file)).as("free again once the first ended").isNotEqualTo(first);
    }

    @Test
    void aCancelLandsAfterTheStepInFlightAndTheRunStopsThereWithWhatItStoredCounted() throws Exception {
        String fileName = prefix + "cancel.csv";
        HeldStep.Hold hold = HeldStep.at(fileName, 600, "");
        long id = begun(fileName, calls(1_200, "c"));
        assertThat(hold.reachedWithin(Duration.ofSeconds(60))).as("the second batch is stored, not committed").isTrue();

        mvc.perform(post(PAGE + "/" + id + "/cancel").with(csrf()).with(TestLogins.as(accounts, "auditor")))
                .andExpect(status().isForbidden());
        // the step's result lines hold a shared lock on the run's row (their foreign key): the cancel waits for it
        CompletableFuture<String> cancel = CompletableFuture.supplyAsync(() -> {
            try {
                return mvc.perform(post(PAGE + "/" + id + "/cancel").with(csrf())
                        .with(TestLogins.as(accounts, "operator"))).andReturn().getResponse().getRedirectedUrl();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM information_schema.PROCESSLIST
                WHERE ID <> CONNECTION_ID() AND INFO LIKE 'UPDATE background_run SET status = ''CANCELLED''%'""")
                .query(Integer.class).single() > 0);
        hold.release();
        assertThat(cancel.get(30, TimeUnit.SECONDS)).isEqualTo(PAGE + "/" + id);

        // once no worker is busy, the third batch has ended too: it found the run cancelled and rolled back
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.getActiveCount() == 0);
        Run cancelled = upload(id);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo("operator");
        assertThat(cancelled.position()).isEqualTo(1_000);
        assertThat(countsOf(cancelled)).isEqualTo(counts(1_000, 0, 0, 0));
        assertThat(rows(id)).isEqualTo(1_000);
        assertThat(stored()).isEqualTo(1_000);
        assertThat(result(id)).hasSize(1_000).containsKeys(2, 1_001).doesNotContainKey(1_002);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'CALL_RECORD_UPLOAD_CANCELLED' "
                + "AND target_id = ? AND actor = 'operator'").param(Long.toString(id)).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'CALL_RECORD_UPLOAD_FINISHED' "
                + "AND target_id = ?").param(Long.toString(id)).query(Integer.class).single()).isZero();
        mvc.perform(get(PAGE + "/" + id).with(TestLogins.as(accounts, "operator")))
                .andExpect(content().string(containsString("data-status=\"CANCELLED\"")))
                .andExpect(content().string(containsString("id=\"upload-download\"")));
    }

    @Test
    void anUnknownUploadAnswers404() throws Exception {
        long other = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1000 FROM background_run").query(Long.class).single();
        mvc.perform(get(PAGE + "/" + other).with(TestLogins.as(accounts, "operator"))).andExpect(status().isNotFound());
        mvc.perform(post(PAGE + "/" + other + "/cancel").with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
        mvc.perform(get(PAGE + "/" + other + "/result.csv").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
    }
}
