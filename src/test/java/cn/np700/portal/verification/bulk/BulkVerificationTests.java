package cn.np700.portal.verification.bulk;

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

import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bulk verification by CSV upload: background checks, progress, the result file, refusals, one at a time per tenant,
 * cancel and isolation. Runs are held inside a step (HeldStep) where a test needs one still running.
 */
@PortalIntegrationTest
class BulkVerificationTests {

    private static final String ID = "11010519491231002X";

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;

    @AfterEach
    void letHeldStepsGo() {
        HeldStep.clear();
    }

    private ResultActions upload(String user, String fileName, String content) throws Exception {
        return mvc.perform(multipart("/verifications/bulk")
                .file(new MockMultipartFile("file", fileName, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
                .with(csrf()).with(TestLogins.as(accounts, user)));
    }

    /** Uploads and returns the new batch's id, read from the redirect to its page. */
    private long start(String user, String fileName, String content) throws Exception {
        String location = upload(user, fileName, content).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/verifications/bulk/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private Run run(long id) {
        return runs.findOfKind(BulkVerificationWork.KIND, id).orElseThrow();
    }

    private Run awaitFinished(long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !run(id).running());
        return run(id);
    }

    private int rows(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_batch_row WHERE run_id = ?").param(id).query(Integer.class)
                .single();
    }

    private int audited(String action, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?")
                .params(action, Long.toString(id)).query(Integer.class).single();
    }

    /** A file of {@code lines} verifiable numbers. */
    private static String numbers(int lines) {
        StringBuilder file = new StringBuilder("mobile\n");
        for (int i = 0; i < lines; i++) {
            file.append(TestMobiles.withPrefix("138")).append('\n');
        }
        return file.toString();
    }

    private ResultActions page(String user, String path) throws Exception {
        return mvc.perform(get(path).with(TestLogins.as(accounts, user)));
    }

    @Test
    void aMixedFileIsCheckedInTheBackgroundAndItsResultFileKeepsNumbersMasked() throws Exception {
        String user = tenants.tenant().adminUsername();
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        List<String> lines = new ArrayList<>(List.of("mobile,name,id_number"));
        List<String> fullNumbers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fullNumbers.add(TestMobiles.withPrefix("138"));
            lines.add(fullNumbers.get(fullNumbers.size() - 1));
        }
        String typed = TestMobiles.withPrefix("139");
        fullNumbers.add(typed);
        lines.add("+86 " + typed.substring(0, 3) + "-" + typed.substring(3, 7) + "-" + typed.substring(7) + ",张三," + ID);
        lines.add("");
        for (String prefix : List.of("1700", "1710", "1700", "1710")) {
            fullNumbers.add(TestMobiles.withPrefix(prefix));
            lines.add(fullNumbers.get(fullNumbers.size() - 1));
        }
        for (int i = 0; i < 3; i++) {
            fullNumbers.add(TestMobiles.withPrefix("1998"));
            lines.add(fullNumbers.get(fullNumbers.size() - 1));
            fullNumbers.add(TestMobiles.withPrefix("1999"));
            lines.add(fullNumbers.get(fullNumbers.size() - 1) + ",李四," + ID);
        }
        fullNumbers.add(TestMobiles.withPrefix("1999"));
        lines.add(fullNumbers.get(fullNumbers.size() - 1) + ",,");
        lines.add("   ");
        // invalid lines, each with the problem it must report; file line numbers are 1-based
        Map<Integer, String> invalid = new TreeMap<>();
        String[][] bad = {
                {"12345", "请输入有效的中国大陆手机号码。"},
                {",王五," + ID, "缺少手机号码。"},
                {"13800138000,王五,", "填写姓名时也请填写身份证号码。"},
                {"13800138000,王五,110105194912310021", "居民身份证号码校验位不正确，请核对后重新输入。"},
                {"13800138000,," + ID, "填写身份证号码时也请填写姓名。"},
                {"13800138000,王五," + ID + ",extra", "列数过多：每行最多 3 列（手机号码,姓名,身份证号码）。"}};
        for (String[] b : bad) {
            lines.add(b[0]);
            invalid.put(lines.size(), b[1]);
        }
        fullNumbers.add("13800138000");

        long id = start(user, "名单.csv", String.join("\r\n", lines) + "\r\n");
        Run done = awaitFinished(id);

        assertThat(done.status()).isEqualTo(RunStatus.DONE);
        assertThat(done.tenant()).contains(TenantId.of(tenant));
        assertThat(done.label()).isEqualTo("名单.csv");
        assertThat(done.total()).isEqualTo(30);
        assertThat(done.position()).isEqualTo(30);
        assertThat(done.counts().byName()).isEqualTo(Map.of("verified", 14, "mismatch", 3, "unregistered", 4,
                "error", 3, "invalid", 6));
        assertThat(done.startedBy().name()).isEqualTo(user);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(rows(id)).isEqualTo(30);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run_input WHERE run_id = ?").param(id)
                .query(Integer.class).single()).as("the file (names, ID numbers) goes when the run ends").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ? AND source = 'BULK'")
                .param(tenant).query(Long.class).single()).isEqualTo(24);
        // each check is audited in the uploader's name, and the batch itself once
        List<String> checks = jdbc.sql("SELECT verification_id FROM verification_batch_row WHERE run_id = ? "
                + "AND verification_id IS NOT NULL").param(id).query(Long.class).list().stream().map(String::valueOf).toList();
        assertThat(checks).hasSize(24);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND target_id IN (:ids)")
                .param("ids", checks).query(String.class).list()).hasSize(24).containsOnly(user);
        assertThat(jdbc.sql("SELECT actor_tenant_id FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND target_id IN (:ids)")
                .param("ids", checks).query(Long.class).list()).containsOnly(tenant);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND target_id IN (:ids)")
                .param("ids", checks).query(String.class).list()).allMatch(d -> d.contains("\"run\":" + id));
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'BULK_VERIFICATION_STARTED' AND target_id = ?")
                .param(Long.toString(id)).query(String.class).list()).singleElement().asString()
                .contains("\"rows\":30").contains("\"invalidRows\":6").contains("\"label\":\"名单.csv\"");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'BULK_VERIFICATION_FINISHED' AND target_id = ?")
                .param(Long.toString(id)).query(String.class).list()).containsExactly(user);

        page(user, "/verifications/bulk/" + id).andExpect(status().isOk())
                .andExpect(content().string(containsString("<progress id=\"run-progress\" value=\"30\" max=\"30\"")))
                .andExpect(content().string(containsString("data-status=\"DONE\"")))
                .andExpect(content().string(containsString("<td>14</td>")))
                .andExpect(content().string(containsString("30 / 30")))
                .andExpect(content().string(containsString("已完成")))
                .andExpect(content().string(not(containsString("hx-trigger=\"every 1s\""))))
                .andExpect(content().string(containsString("/verifications/bulk/" + id + "/result.csv")));

        byte[] file = page(user, "/verifications/bulk/" + id + "/result.csv").andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        List<String> rows = csv.lines().toList();
        assertThat(rows).hasSize(31);
        assertThat(rows.get(0)).isEqualTo("行号,手机号码,结果,有效期至,说明");
        for (String full : fullNumbers) {
            assertThat(csv).doesNotContain(full).contains(TestMobiles.masked(full));
        }
        assertThat(csv).doesNotContain("王五").doesNotContain("11010519491231002");
        assertThat(rows).anyMatch(r -> r.matches(
                "2," + Pattern.quote(TestMobiles.masked(fullNumbers.get(0))) + ",已实名,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,"));
        assertThat(rows).contains("14," + TestMobiles.masked(typed) + ",已实名," + rows.get(13).split(",")[3] + ",");
        assertThat(rows).contains(String.format("%d,%s,未实名,,", 16, TestMobiles.masked(fullNumbers.get(13))));
        invalid.forEach((lineNo, message) -> assertThat(rows).anyMatch(r -> r.startsWith(lineNo + ",")
                && r.contains(",无效行,,") && r.endsWith(message.contains(",") ? "\"" + message + "\"" : message)));
        assertThat(rows.stream().filter(r -> r.contains(",信息不一致,,"))).hasSize(3);
        assertThat(rows.stream().filter(r -> r.contains(",核验失败,,"))).hasSize(3);
        // line 15 is blank, line 27 only spaces: neither is a row
        assertThat(rows).noneMatch(r -> r.startsWith("15,") || r.startsWith("27,"));
    }

    @Test
    void aFileOfMoreThanTenThousandLinesIsRefusedAndNothingIsStored() throws Exception {
        String user = tenants.tenant().adminUsername();
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        String content = "mobile\n" + "13800138000\n".repeat(10_001);
        upload(user, "big.csv", content).andExpect(status().isOk())
                .andExpect(content().string(containsString("文件“big.csv”超过 10,000 行，未开始核验")));
        upload(user, "empty.csv", "mobile\n\n").andExpect(status().isOk())
                .andExpect(content().string(containsString("文件“empty.csv”中没有需要核验的号码")));
        // found by the fuzz suite: a file of nothing but garbage was stored as a batch of refused lines
        upload(user, "garbage.csv", "${7*7},{x}\r\n=HYPERLINK(\"x\"),abc\n").andExpect(status().isOk())
                .andExpect(content().string(containsString("文件“garbage.csv”中没有一行是可以核验的号码，未开始核验")));
        mvc.perform(multipart("/verifications/bulk").with(csrf()).with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择要上传的 CSV 文件")));
        assertThat(runs.recentOfTenant(BulkVerificationWork.KIND, TenantId.of(tenant), 10)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherTenantsBatchIsNotFound() throws Exception {
        String mine = tenants.tenant().adminUsername();
        String theirs = tenants.tenant().adminUsername();
        long id = start(theirs, "theirs.csv", TestMobiles.withPrefix("138") + "\n");
        awaitFinished(id);
        page(theirs, "/verifications/bulk/" + id).andExpect(status().isOk());
        page(mine, "/verifications/bulk/" + id).andExpect(status().isNotFound());
        page(mine, "/verifications/bulk/" + id + "/result.csv").andExpect(status().isNotFound());
        mvc.perform(post("/verifications/bulk/" + id + "/cancel").with(csrf()).with(TestLogins.as(accounts, mine)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/verifications/bulk/" + id).header("HX-Request", "true").with(TestLogins.as(accounts, mine)))
                .andExpect(status().isNotFound());
        page(mine, "/verifications/bulk/" + (id + 1_000_000)).andExpect(status().isNotFound());
        page(mine, "/verifications/bulk").andExpect(content().string(not(containsString("theirs.csv"))));
        page(theirs, "/verifications/bulk").andExpect(content().string(containsString("theirs.csv")))
                .andExpect(content().string(containsString("/verifications/bulk/" + id)));
        page(theirs, "/verifications").andExpect(content().string(containsString("id=\"bulk-verify\"")));
    }

    @Test
    void htmxGetsOnlyTheProgressFragmentWhichPollsWhileRunning() throws Exception {
        String user = tenants.tenant().adminUsername();
        String label = "running-" + UUID.randomUUID() + ".csv";
        HeldStep.Hold hold = HeldStep.at(label, 0, "");
        long running = start(user, label, numbers(3));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        String fragment = mvc.perform(get("/verifications/bulk/" + running).header("HX-Request", "true")
                        .with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment.strip()).startsWith("<div class=\"panel\" id=\"progress\"")
                .contains("hx-get=\"/verifications/bulk/" + running + "\"").contains("hx-trigger=\"every 1s\"")
                .contains("value=\"0\" max=\"3\"").contains("0 / 3").contains("data-status=\"RUNNING\"")
                .contains(label).contains("action=\"/verifications/bulk/" + running + "/cancel\"")
                .doesNotContain("<html").doesNotContain("page-head").doesNotContain("result.csv");
        page(user, "/verifications/bulk/" + running).andExpect(content().string(containsString("<html")))
                .andExpect(content().string(containsString("hx-trigger=\"every 1s\"")));
        // no result file before the end: its link leads back to the progress
        page(user, "/verifications/bulk/" + running + "/result.csv").andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/verifications/bulk/" + running));

        hold.release();
        assertThat(awaitFinished(running).status()).isEqualTo(RunStatus.DONE);
    }

    @Test
    void aTenantRunsOneBatchAtATimeAndTheRefusalLinksTheRunningOne() throws Exception {
        String user = tenants.tenant().adminUsername();
        long tenant = accounts.find(user).orElseThrow().tenantId().value();
        String label = "busy-" + UUID.randomUUID() + ".csv";
        HeldStep.Hold hold = HeldStep.at(label, 1, "");
        long first = start(user, label, numbers(3));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        upload(user, "second.csv", numbers(1)).andExpect(status().isOk())
                .andExpect(content().string(containsString("已有同类任务在运行：“" + label + "”，由 " + user)))
                .andExpect(content().string(containsString("已完成 1/3")))
                .andExpect(content().string(containsString("id=\"bulk-running\" href=\"/verifications/bulk/" + first + "\"")));
        assertThat(runs.recentOfTenant(BulkVerificationWork.KIND, TenantId.of(tenant), 10)).extracting(Run::id).containsExactly(first);
        // another tenant is not held up by it
        long elsewhere = start(tenants.tenant().adminUsername(), "elsewhere.csv", numbers(1));
        assertThat(awaitFinished(elsewhere).status()).isEqualTo(RunStatus.DONE);

        hold.release();
        assertThat(awaitFinished(first).status()).isEqualTo(RunStatus.DONE);
        assertThat(start(user, "third.csv", numbers(1))).as("free again once the first ended").isNotEqualTo(first);
    }

    @Test
    void aCancelKeepsTheLinesDoneCountedAndAuditsOnce() throws Exception {
        String user = tenants.tenant().adminUsername();
        String label = "cancel-" + UUID.randomUUID() + ".csv";
        HeldStep.Hold hold = HeldStep.at(label, 2, "");
        long id = start(user, label, numbers(6));
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        // the held step's line refers to the run, so the cancel waits for that step to commit
        CompletableFuture<String> cancel = CompletableFuture.supplyAsync(() -> {
            try {
                return mvc.perform(post("/verifications/bulk/" + id + "/cancel").with(csrf())
                        .with(TestLogins.as(accounts, user))).andReturn().getResponse().getRedirectedUrl();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> cancel.isDone() || jdbc.sql("""
                SELECT COUNT(*) FROM information_schema.PROCESSLIST
                WHERE INFO LIKE 'UPDATE background_run SET status = ''CANCELLED''%'""").query(Integer.class).single() > 0);
        hold.release();
        assertThat(cancel.get()).isEqualTo("/verifications/bulk/" + id);

        await().atMost(Duration.ofSeconds(10)).until(() -> run(id).status() == RunStatus.CANCELLED
                && rows(id) == run(id).position());
        Run cancelled = run(id);
        assertThat(cancelled.endedBy()).isEqualTo(user);
        assertThat(cancelled.position()).as("lines 0-2 stored, the rest never begun").isEqualTo(3);
        assertThat(cancelled.counts().of("verified")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND details LIKE ?")
                .param("%\"run\":" + id + "%").query(Integer.class).single()).isEqualTo(3);
        assertThat(audited("BULK_VERIFICATION_CANCELLED", id)).isEqualTo(1);
        assertThat(audited("BULK_VERIFICATION_FINISHED", id)).isZero();
        page(user, "/verifications/bulk/" + id).andExpect(content().string(containsString("data-status=\"CANCELLED\"")))
                .andExpect(content().string(containsString("id=\"batch-download\"")))
                .andExpect(content().string(not(containsString("id=\"run-cancel\""))));
        String csv = page(user, "/verifications/bulk/" + id + "/result.csv").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(4);
        // cancelling again changes nothing and records nothing
        mvc.perform(post("/verifications/bulk/" + id + "/cancel").with(csrf()).with(TestLogins.as(accounts, user)))
                .andExpect(status().is3xxRedirection());
        assertThat(audited("BULK_VERIFICATION_CANCELLED", id)).isEqualTo(1);
    }
}
