package cn.np700.portal.bindings.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingsAsActor;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bulk bindings in the portal: ending by id and by orderRef, another tenant's ids, refusals next to the file field,
 * cancel, the template, and a line never applied twice.
 */
@PortalIntegrationTest
class BulkBindingPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    BindingsAsActor asActor;
    @Autowired
    BackgroundRuns runs;
    @Autowired
    BulkBindingRuns bulkRuns;
    @Autowired
    LineApplier applier;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void letHeldStepsGo() {
        HeldStep.clear();
    }

    private ResultActions upload(String user, String operation, String fileName, String content) throws Exception {
        return mvc.perform(multipart("/bindings/bulk").param("operation", operation)
                .file(new MockMultipartFile("file", fileName, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
                .with(csrf()).with(TestLogins.as(accounts, user)));
    }

    private long start(String user, String operation, String fileName, String content) throws Exception {
        String location = upload(user, operation, fileName, content).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/bindings/bulk/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private Run awaitEnded(long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !runs.findOfKind(BulkBindingWork.KIND, id).orElseThrow().running());
        return runs.findOfKind(BulkBindingWork.KIND, id).orElseThrow();
    }

    private List<String> result(String user, long id) throws Exception {
        return mvc.perform(get("/bindings/bulk/" + id + "/result.csv").with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)
                .substring(1).lines().toList();
    }

    private long axn(TestBindings.Ready tenant, String orderRef) {
        return asActor.bind(TenantId.of(tenant.tenantId()), "setup", new BindingInput("AXN",
                bindings.verified(tenant.tenantId()), null, null, null, 3600L, null, null, false, orderRef));
    }

    private String statusOf(long bindingId) {
        return jdbc.sql("SELECT status FROM binding WHERE id = ?").param(bindingId).query(String.class).single();
    }

    @Test
    void anEndFileEndsByIdAndByOrderRefAndAnotherTenantsIdIsNotFound() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        long byId = axn(tenant, null);
        long byRef = axn(tenant, "END-REF-1");
        long ended = axn(tenant, null);
        asActor.unbind(TenantId.of(tenant.tenantId()), ended, "setup", "UNBOUND");
        long theirs = axn(other, "END-REF-1");

        long id = start(tenant.admin(), "end", "end.csv", "orderRef,bindingId\n"
                + "," + byId + "\n"          // 2 ended by id
                + "END-REF-1,\n"             // 3 ended by orderRef (the other tenant's same orderRef untouched)
                + "," + ended + "\n"         // 4 had already ended: answered as it is
                + "," + theirs + "\n"        // 5 another tenant's binding: not found
                + ",abc\n"                   // 6 no binding id
                + "NO-SUCH-REF,\n"           // 7 no binding with that orderRef
                + "END-REF-1," + byId + "\n" // 8 both
                + ",\n");                    // 9 blank: skipped
        assertThat(awaitEnded(id).status()).isEqualTo(RunStatus.DONE);

        long xById = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(byId).query(Long.class).single();
        long xByRef = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(byRef).query(Long.class).single();
        long xEnded = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(ended).query(Long.class).single();
        assertThat(result(tenant.admin(), id)).containsExactly(
                "line,outcome,bindingId,x,detail,code,field,message",
                "2,ok," + byId + "," + xById + ",ENDED,,,",
                "3,ok," + byRef + "," + xByRef + ",ENDED,,,",
                "4,ok," + ended + "," + xEnded + ",ALREADY_ENDED,,,",
                "5,refused,,,,NOT_FOUND,," + message("binding.notFound"),
                "6,refused,,,,NOT_FOUND,," + message("binding.notFound"),
                "7,refused,,,,NOT_FOUND,," + message("binding.notFound"),
                "8,refused,,,,INVALID_PARAMETER,orderRef," + message("bindingFile.line.endBoth"));
        assertThat(statusOf(byId)).isEqualTo("UNBOUND");
        assertThat(statusOf(byRef)).isEqualTo("UNBOUND");
        assertThat(statusOf(theirs)).as("another tenant's binding is untouched").isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'BINDING_UNBOUND' AND target_id IN (?, ?)")
                .params(Long.toString(byId), Long.toString(byRef)).query(String.class).list())
                .as("audited in the uploader's name").containsExactly(tenant.admin(), tenant.admin());

        Run run = runs.findOfKind(BulkBindingWork.KIND, id).orElseThrow();
        assertThat(run.counts().of("ended")).isEqualTo(2);
        assertThat(run.counts().of("alreadyEnded")).isEqualTo(1);
        assertThat(run.counts().of("refused.NOT_FOUND")).isEqualTo(3);
        mvc.perform(get("/bindings/bulk/" + id).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(content().string(containsString("data-status=\"DONE\"")))
                .andExpect(content().string(containsString("id=\"refused-NOT_FOUND\"")))
                .andExpect(content().string(containsString("id=\"bulk-download\"")));
        mvc.perform(get("/bindings/bulk/" + id).with(TestLogins.as(accounts, other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/bindings/bulk/" + id + "/result.csv").with(TestLogins.as(accounts, other.admin())))
                .andExpect(status().isNotFound());
    }

    @Autowired
    org.springframework.context.MessageSource messages;

    private String message(String key) {
        return messages.getMessage(key, null, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void aRefusedFileIsAnsweredNextToTheFieldAndStartsNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        upload(tenant.admin(), "create", "bad.csv", "mode,a,colour\nAXN,13800138000,red\n").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"file-problem\"")))
                .andExpect(content().string(containsString("表头中的列“colour”无法识别")))
                .andExpect(content().string(containsString("id=\"operation-create\" value=\"create\" checked")));
        upload(tenant.admin(), "end", "empty.csv", "").andExpect(status().isOk())
                .andExpect(content().string(containsString("请选择要上传的 CSV 文件。")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).isZero();
        mvc.perform(get("/bindings/bulk/templates/create.csv").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("mode,a,b,n,x,expiresInSeconds,expiresAt,direction,record,orderRef")));
        mvc.perform(get("/bindings/bulk").with(TestLogins.as(accounts, tenant.admin()))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"template-end\"")));
    }

    /**
     * Starts a run of {@code operation} over {@code lines}, held in the step of line 2 after the line was applied (the
     * binding's change and the line's row committed); cancels it there, then lets the step go. The run as it ended.
     */
    private Run cancelledAtTheThirdLine(TestBindings.Ready tenant, String operation, String file) throws Exception {
        String label = "cancel-" + UUID.randomUUID() + ".csv";
        HeldStep.Hold hold = HeldStep.at(label, 2, "");
        long id = start(tenant.admin(), operation, label, file);
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();
        mvc.perform(get("/bindings/bulk/" + id).header("HX-Request", "true").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(content().string(containsString("hx-trigger=\"every 1s\"")))
                .andExpect(content().string(containsString("id=\"run-cancel\"")));

        mvc.perform(post("/bindings/bulk/" + id + "/cancel").with(csrf()).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection());
        hold.release();
        Run cancelled = awaitEnded(id);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo(tenant.admin());
        assertThat(result(tenant.admin(), id)).as("the result file: the header and the three lines applied")
                .hasSize(4).allMatch(line -> !line.contains(",refused,"));
        mvc.perform(get("/bindings/bulk/" + id).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(content().string(containsString("data-status=\"CANCELLED\"")))
                .andExpect(content().string(not(containsString("id=\"run-cancel\""))));
        return cancelled;
    }

    @Test
    void aCancelStopsAfterTheLineInProgressWhichIsCountedAndInTheResultFile() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        StringBuilder file = new StringBuilder("mode,a,expiresInSeconds\n");
        for (int i = 0; i < 6; i++) {
            file.append("AXN,").append(bindings.verified(tenant.tenantId())).append(",3600\n");
        }

        Run cancelled = cancelledAtTheThirdLine(tenant, "create", file.toString());

        // lines 0 and 1, and line 2, applied before the cancel reached its step: counted as what was done
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(3);
        assertThat(cancelled.position()).isEqualTo(3);
        assertThat(cancelled.counts().byName()).containsExactly(Map.entry("created", 3));
    }

    @Test
    void aCancelledEndRunCountsEveryBindingItEnded() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        StringBuilder file = new StringBuilder("bindingId\n");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(axn(tenant, null));
            file.append(ids.get(i)).append("\n");
        }

        Run cancelled = cancelledAtTheThirdLine(tenant, "end", file.toString());

        assertThat(ids.stream().map(this::statusOf).toList())
                .containsExactly("UNBOUND", "UNBOUND", "UNBOUND", "ACTIVE", "ACTIVE", "ACTIVE");
        assertThat(cancelled.position()).isEqualTo(3);
        assertThat(cancelled.counts().byName()).containsExactly(Map.entry("ended", 3));
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(3);
    }

    @Test
    void aLineIsAppliedOnceEvenWhenANodeTriesItAgain() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long id = start(tenant.admin(), "end", "run.csv", "bindingId\n1\n");
        awaitEnded(id);
        TenantId t = TenantId.of(tenant.tenantId());
        StoredFile file = new StoredFile(FileOperation.CREATE, tenant.admin(), null, null, "");
        BindingFile.Line line = new BindingFile.Line(77, java.util.Map.of("mode", "AXN", "a",
                bindings.verified(tenant.tenantId()), "expiresInSeconds", "3600"));
        long before = bindings.bindingsOf(tenant.tenantId());

        LineApplier.Outcome first = applier.apply(id, t, file, line);
        // a node that went silent before its step committed tries the same line: the row's key refuses it
        LineApplier.Outcome again = applier.apply(id, t, file, line);

        assertThat(first.stored()).isTrue();
        assertThat(first.result().detail()).isEqualTo("CREATED");
        assertThat(again.stored()).isTrue();
        assertThat(again.result().bindingId()).isEqualTo(first.result().bindingId());
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(before + 1);
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
    }
}
