package cn.np700.portal.verification.bulk;

import cn.np700.portal.scope.TenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.support.TakeoverNodes;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 17's failure, on two extra nodes: node A checks a 30-line file and dies inside the step of line 12 (its check
 * and audit entry written, not committed); node B takes the run up and finishes it. Every line ends up checked,
 * stored, audited and counted exactly once, and the result file is whole and in order.
 */
@PortalIntegrationTest
class BulkVerificationTakeoverTests {

    private static final int LINES = 30;
    private static final int KILLED_AT = 12;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundRuns runs;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MockMvc mvc;

    @RegisterExtension
    final TakeoverNodes nodes = new TakeoverNodes();

    @Test
    void aBatchWhoseNodeDiesMidFileIsFinishedByAnotherNodeWithEveryLineOnce() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String user = tenant.adminUsername();
        long userId = accounts.find(user).orElseThrow().userId();
        // every tenth line from the fourth invalid, every tenth from the sixth not registered, the rest verified
        List<String> lines = new ArrayList<>(List.of("mobile"));
        for (int i = 0; i < LINES; i++) {
            lines.add(i % 10 == 3 ? "12345" : TestMobiles.withPrefix(i % 10 == 5 ? "1700" : "138"));
        }
        String text = String.join("\n", lines) + "\n";
        String label = "takeover-" + UUID.randomUUID() + ".csv";

        PortalNode doomed = nodes.doomed();
        HeldStep.Hold hold = HeldStep.at(label, KILLED_AT, doomed.name());
        BulkVerificationWork work = doomed.bean(BulkVerificationWork.class);
        List<BulkItem> items = BulkCsvFile.read(text).lines().stream().map(l -> BulkItem.of(l, LocalDate.now())).toList();
        Run run = doomed.bean(BackgroundRuns.class).start(work.newRun(TenantId.of(tenant.tenantId()),
                new AuditActor(user, userId, TenantId.of(tenant.tenantId())), label, text, items));

        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).as("node A checked line 12 and has not committed").isTrue();
        assertThat(rows(run.id())).as("lines 0-11 committed").isEqualTo(KILLED_AT);
        assertThat(checksAudited(run.id())).as("line 12's check and audit entry are in A's open step").isEqualTo(11);
        assertThat(jdbc.sql("SELECT content FROM background_run_input WHERE run_id = ?").param(run.id())
                .query(byte[].class).single()).as("the file is kept encrypted")
                .satisfies(stored -> assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                        .doesNotContain(lines.get(1)).doesNotContain("mobile"));

        long killedAt = System.nanoTime();
        doomed.kill();
        hold.release();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> run(run.id()).claims() == 2);
        double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("bulk verification %d taken over %.1f s after its node was killed%n", run.id(), takenOverAfter);
        await().atMost(Duration.ofSeconds(30)).until(() -> run(run.id()).status() == RunStatus.DONE);

        Run done = run(run.id());
        assertThat(done.position()).isEqualTo(LINES);
        assertThat(done.counts().byName()).isEqualTo(Map.of("verified", 24, "unregistered", 3, "invalid", 3));
        assertThat(rows(run.id())).isEqualTo(LINES);
        assertThat(done.counts().byName().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows(run.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).as("no check stored outside its line").isEqualTo(27);
        assertThat(checksAudited(run.id())).as("each checked line audited once").isEqualTo(27);
        List<String> checks = jdbc.sql("SELECT verification_id FROM verification_batch_row WHERE run_id = ? "
                + "AND verification_id IS NOT NULL").param(run.id()).query(Long.class).list().stream()
                .map(String::valueOf).toList();
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND target_id IN (:ids)")
                .param("ids", checks).query(String.class).list()).as("once each, in the starter's name").hasSize(27)
                .containsOnly(user);
        assertThat(audited(run.id(), "BULK_VERIFICATION_STARTED")).isEqualTo(1);
        assertThat(audited(run.id(), "BULK_VERIFICATION_FINISHED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run_input WHERE run_id = ?").param(run.id())
                .query(Integer.class).single()).isZero();

        String csv = mvc.perform(get("/verifications/bulk/" + run.id() + "/result.csv").with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> data = csv.lines().skip(1).toList();
        assertThat(data).hasSize(LINES);
        for (int i = 0; i < LINES; i++) {
            assertThat(data.get(i)).as("file line %d", i + 2).startsWith((i + 2) + ",");
        }
    }

    private Run run(long id) {
        return runs.findOfKind(BulkVerificationWork.KIND, id).orElseThrow();
    }

    private int rows(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_batch_row WHERE run_id = ?").param(runId).query(Integer.class)
                .single();
    }

    private int checksAudited(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND JSON_VALUE(details, '$.run') = ?")
                .param(Long.toString(runId)).query(Integer.class).single();
    }

    private int audited(long runId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?")
                .params(action, Long.toString(runId)).query(Integer.class).single();
    }
}
