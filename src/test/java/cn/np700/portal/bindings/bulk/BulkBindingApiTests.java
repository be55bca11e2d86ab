package cn.np700.portal.bindings.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.HeldStep;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bulk bindings over the tenant API: a text/csv upload starts a run (202), which is polled, cancelled and whose result
 * file gives one row per line, each line having met the single request's rules and codes.
 */
@PortalIntegrationTest
class BulkBindingApiTests {

    private static final String CREATE_HEADER = "mode,a,b,n,x,expiresInSeconds,expiresAt,direction,record,orderRef\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    Quotas quotas;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void letHeldStepsGo() {
        HeldStep.clear();
    }

    private ResultActions upload(String key, String operation, String fileName, String csv) throws Exception {
        return mvc.perform(post("/api/v1/binding-runs").param("operation", operation).param("fileName", fileName)
                .header("Authorization", "Bearer " + key).contentType("text/csv")
                .content(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private long start(String key, String operation, String fileName, String csv) throws Exception {
        String body = upload(key, operation, fileName, csv).andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/binding-runs/")))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private ResultActions run(String key, long id) throws Exception {
        return mvc.perform(get("/api/v1/binding-runs/" + id).header("Authorization", "Bearer " + key));
    }

    private String statusOf(String key, long id) throws Exception {
        return JsonPath.read(run(key, id).andReturn().getResponse().getContentAsString(), "$.status");
    }

    private void awaitEnded(String key, long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !"RUNNING".equals(statusOf(key, id)));
    }

    private List<String> result(String key, long id) throws Exception {
        String csv = mvc.perform(get("/api/v1/binding-runs/" + id + "/result").header("Authorization", "Bearer " + key))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        return csv.substring(1).lines().toList();
    }

    private long bindingWithOrderRef(long tenantId, String orderRef) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND order_ref = ?").params(tenantId, orderRef)
                .query(Long.class).single();
    }

    private long xOf(long bindingId) {
        return jdbc.sql("SELECT x FROM binding WHERE id = ?").param(bindingId).query(Long.class).single();
    }

    @Test
    void aMixedFileGivesOneResultRowPerLineWithTheSingleRequestsCodes() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long t = tenant.tenantId();
        quotas.change(TenantId.of(t), new QuotaOverrides(null, 3, null, null, null, null, 0));
        String a1 = bindings.verified(t), b1 = bindings.verified(t), a2 = bindings.verified(t);
        String a3 = bindings.verified(t), b3 = bindings.verified(t), a4 = bindings.verified(t), b4 = bindings.verified(t);
        String a5 = bindings.verified(t), b5 = bindings.verified(t);
        String file = CREATE_HEADER
                + "AXB," + a1 + "," + b1 + ",,,3600,,,,ORD-1\n"           // 2 created
                + "AXB,12345," + b5 + ",,,3600,,,,\n"                    // 3 a is no mobile
                + "AXB," + a1 + "," + b1 + ",,,3600,,,,ORD-1\n"           // 4 the same orderRef and numbers: repeated
                + "AXB," + a5 + "," + b5 + ",,,3600,,,,ORD-1\n"           // 5 the same orderRef, other numbers
                + "\n"                                                   // 6 blank, skipped
                + "AXN," + a2 + ",,,,3600,,,true,ORD-2\n"                // 7 created
                + "AXB," + a5 + "," + b5 + ",,,10,,,,\n"                 // 8 too short
                + "AXB," + a3 + "," + b3 + ",,,3600,,B_TO_A_ONLY,false,ORD-3\n" // 9 created, the third live binding
                + "AXB," + a4 + "," + b4 + ",,,3600,,,,ORD-4\n"           // 10 over the quota of 3
                + "AXB," + a5 + "," + b5 + ",,,3600,,,yes,\n";           // 11 record is no boolean
        long id = start(tenant.key(), "create", "mixed.csv", file);
        awaitEnded(tenant.key(), id);

        long id1 = bindingWithOrderRef(t, "ORD-1"), id2 = bindingWithOrderRef(t, "ORD-2"), id3 = bindingWithOrderRef(t, "ORD-3");
        assertThat(result(tenant.key(), id)).containsExactly(
                "line,outcome,bindingId,x,detail,code,field,message",
                "2,ok," + id1 + "," + xOf(id1) + ",CREATED,,,",
                "3,refused,,,,INVALID_NUMBER,a,Enter a valid mainland China mobile number.",
                "4,ok," + id1 + "," + xOf(id1) + ",REPEATED,,,",
                "5,refused,,,,ORDER_REF_CONFLICT,orderRef,This order reference belongs to another live binding (id " + id1
                        + ") with other numbers.",
                "7,ok," + id2 + "," + xOf(id2) + ",CREATED,,,",
                "8,refused,,,,INVALID_EXPIRY,expiresInSeconds,The binding must last at least 60 seconds.",
                "9,ok," + id3 + "," + xOf(id3) + ",CREATED,,,",
                "10,refused,,,,QUOTA_EXCEEDED,,Quota exceeded: at most 3 live bindings; 3 now.",
                "11,refused,,,,INVALID_PARAMETER,record,record must be true or false.");

        run(tenant.key(), id).andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.operation").value("CREATE"))
                .andExpect(jsonPath("$.fileName").value("mixed.csv"))
                .andExpect(jsonPath("$.total").value(9)).andExpect(jsonPath("$.done").value(9))
                .andExpect(jsonPath("$.created").value(3)).andExpect(jsonPath("$.repeated").value(1))
                .andExpect(jsonPath("$.refused").value(5))
                .andExpect(jsonPath("$.refusedByCode.QUOTA_EXCEEDED").value(1))
                .andExpect(jsonPath("$.refusedByCode.INVALID_NUMBER").value(1))
                .andExpect(jsonPath("$.result").value("/api/v1/binding-runs/" + id + "/result"));
        assertThat(bindings.bindingsOf(t)).isEqualTo(3);
        assertThat(bindings.usageLive(t)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT direction FROM binding WHERE id = ?").param(id3).query(String.class).single())
                .isEqualTo("B_TO_A_ONLY");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'BINDING_CREATED' AND tenant_id = ?").param(t)
                .query(String.class).list()).as("each binding audited once, in the API key's name")
                .containsExactly("api:test-key", "api:test-key", "api:test-key");
        assertThat(jdbc.sql("SELECT created_by FROM binding WHERE tenant_id = ?").param(t).query(String.class).list())
                .containsOnly("api:test-key");
    }

    @Test
    void badFilesAreAnsweredWithProblemDetailsAndStartNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String key = tenant.key();
        upload(key, "create", "h.csv", "mode,a,tenantId,expiresInSeconds\nAXN,13800138000,1,3600\n")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("FILE_HEADER"))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("tenantId")));
        upload(key, "end", "e.csv", "").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("FILE_EMPTY"));
        upload(key, "end", "m.csv", "bindingId,orderRef\n1,\n2\n").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("FILE_MALFORMED"))
                .andExpect(jsonPath("$.detail").value("Line 3 has 1 columns and the header 2; nothing was started."));
        mvc.perform(post("/api/v1/binding-runs").param("operation", "end").header("Authorization", "Bearer " + key)
                        .contentType("text/csv").content("bindingId\n1\n".getBytes(StandardCharsets.UTF_16)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("FILE_ENCODING"));
        upload(key, "merge", "x.csv", "bindingId\n1\n").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[0].field").value("operation"));
        mvc.perform(post("/api/v1/binding-runs").param("operation", "end").header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"bindingId\":1}"))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
        mvc.perform(post("/api/v1/binding-runs").param("operation", "end").contentType("text/csv").content("bindingId\n1\n"))
                .andExpect(status().isUnauthorized());

        // 100,001 lines, then an unreadable one: refused for the count, read no further, nothing started
        StringBuilder big = new StringBuilder("bindingId\n");
        for (int i = 0; i <= BindingFile.MAX_LINES; i++) {
            big.append(i + 1).append('\n');
        }
        big.append("\"unclosed\n");
        upload(key, "end", "big.csv", big.toString()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("FILE_TOO_MANY_LINES"))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail").value(
                        "The file has more than 100,000 lines; nothing was started and no line was applied. Split it and upload the parts."));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM background_run WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).as("no refused file started a run").isZero();
    }

    @Test
    void aHundredThousandLinesAreTakenAndTheRunCanBeCancelled() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        StringBuilder full = new StringBuilder("bindingId\n");
        for (int i = 0; i < BindingFile.MAX_LINES; i++) {
            full.append(i + 1).append('\n');
        }
        long id = start(tenant.key(), "end", "full.csv", full.toString());
        run(tenant.key(), id).andExpect(jsonPath("$.total").value(100_000)).andExpect(jsonPath("$.operation").value("END"));
        mvc.perform(delete("/api/v1/binding-runs/" + id).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"));
        awaitEnded(tenant.key(), id);
        assertThat(statusOf(tenant.key(), id)).isEqualTo("CANCELLED");
    }

    @Test
    void progressIsShownWhileItRunsAndAnotherTenantSeesNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        String label = "progress-" + UUID.randomUUID() + ".csv";
        StringBuilder file = new StringBuilder(CREATE_HEADER);
        for (int i = 0; i < 5; i++) {
            file.append("AXN,").append(bindings.verified(tenant.tenantId())).append(",,,,3600,,,,\n");
        }
        HeldStep.Hold hold = HeldStep.at(label, 3, "");
        long id = start(tenant.key(), "create", label, file.toString());
        assertThat(hold.reachedWithin(Duration.ofSeconds(30))).isTrue();

        run(tenant.key(), id).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.total").value(5)).andExpect(jsonPath("$.done").value(3))
                .andExpect(jsonPath("$.created").value(3)).andExpect(jsonPath("$.result").doesNotExist());
        mvc.perform(get("/api/v1/binding-runs/" + id + "/result").header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("RUN_STILL_GOING"));
        upload(tenant.key(), "end", "second.csv", "bindingId\n1\n").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("RUN_ALREADY_GOING"));
        for (var request : List.of(get("/api/v1/binding-runs/" + id), get("/api/v1/binding-runs/" + id + "/result"),
                delete("/api/v1/binding-runs/" + id), get("/api/v1/binding-runs/abc"))) {
            mvc.perform(request.header("Authorization", "Bearer " + other.key())).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        }

        hold.release();
        awaitEnded(tenant.key(), id);
        run(tenant.key(), id).andExpect(jsonPath("$.status").value("DONE")).andExpect(jsonPath("$.done").value(5))
                .andExpect(jsonPath("$.created").value(5));
        assertThat(result(tenant.key(), id)).hasSize(6);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(5);
    }
}
