package cn.np700.portal.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The regulator's trace, answered from history seeded through the real allocation, binding and ingestion paths. */
@PortalIntegrationTest
class TraceTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String at(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), BEIJING).toString();
    }

    private String trace(String user, String query) throws Exception {
        return mvc.perform(get("/operator/trace?" + query).with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aTraceNamesTheHolderTheLiveBindingItsCallsAndTheAuditTrailWithoutARealNumber() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b
                                + "\",\"expiresInSeconds\":3600,\"orderRef\":\"TRACE-ORDER-7\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        Instant created = Instant.now();
        clock.advance(Duration.ofSeconds(30));
        Instant callStart = created.plusSeconds(10);
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carriers.create(""))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"records\":[{\"callId\":\"trace-" + System.nanoTime() + "\",\"x\":\"" + x + "\",\"caller\":\""
                                + a + "\",\"callee\":\"" + b + "\",\"type\":\"VOICE\",\"startTime\":\"" + callStart
                                + "\",\"releaseTime\":\"" + callStart.plusSeconds(40) + "\",\"durationSeconds\":35,"
                                + "\"result\":\"ANSWERED\"}]}"))
                .andExpect(status().isOk());

        String page = trace("operator", "number=" + x + "&at=" + at(created.plusSeconds(20)));

        assertThat(page).contains("id=\"trace-holder\"", tenants.names().get(tenant.tenantId()), "TRACE-ORDER-7",
                "api:test-key", TestMobiles.masked(a), TestMobiles.masked(b), "id=\"trace-calls\"")
                .containsPattern(">绑定 \\d+<").containsPattern(">号码段 \\d+<").doesNotContain(a).doesNotContain(b);
        assertThat(page).contains(jdbc.sql("SELECT grant_ref FROM number_block WHERE code = ?").param(x / 10_000)
                .query(String.class).single());
        // both parties' consents in force then, by their records' ids
        long bindingId = ((Number) JsonPath.read(body, "$.id")).longValue();
        assertThat(page).contains("id=\"trace-consent-" + bindingId + "\"").doesNotContain("没有授权记录");
        for (String party : new String[] {a, b}) {
            assertThat(page).contains("#" + jdbc.sql("SELECT id FROM consent WHERE tenant_id = ? AND number_masked = ?")
                    .params(tenant.tenantId(), TestMobiles.masked(party)).query(Long.class).single() + " App");
        }

        String before = trace("auditor", "number=" + x + "&at=" + at(created.minus(2, ChronoUnit.DAYS)));
        assertThat(before).contains("当时未分配给任何企业", "当时该号码上没有在用绑定").doesNotContain("TRACE-ORDER-7");

        String csv = mvc.perform(get("/operator/trace/export?number=" + x + "&at=" + at(created.plusSeconds(20)))
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFsection,field,value").contains("binding,", "TRACE-ORDER-7", "consent," + bindingId + ",a,",
                "consent," + bindingId + ",b,", "call,", "audit,",
                "BINDING_CREATED").doesNotContain(a);
    }

    @Test
    void badQuestionsAreExplainedNextToTheirFieldsAndOnlyOperatorAdminsAndAuditorsMayAsk() throws Exception {
        String page = trace("operator", "number=12345&at=tomorrow");
        assertThat(page).contains("id=\"number-problem\"", "id=\"at-problem\"", "value=\"12345\"");
        String future = trace("operator", "number=700100000000001&at=" + at(Instant.now().plus(2, ChronoUnit.DAYS)));
        assertThat(future).contains("时间不能晚于现在");
        assertThat(trace("operator", "number=700000000000001&at=")).contains("id=\"trace-not-granted\"");
        mvc.perform(get("/operator/trace").with(TestLogins.as(accounts, "reviewer"))).andExpect(status().isForbidden());
        mvc.perform(get("/operator/trace").with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
    }
}
