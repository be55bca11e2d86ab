package cn.np700.portal.calls.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallRouted;
import cn.np700.portal.calls.TestCallEvents;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantSuspensions;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The routing matrix: who reaches whom through X, and every reason a call is rejected. */
@PortalIntegrationTest
class RoutingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    MutableClock clock;
    @Autowired
    TestCallEvents heard;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RouteRejections rejections;
    @Autowired
    MeterRegistry meters;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    NumberSuspensions numberSuspensions;
    @Autowired
    TenantSuspensions tenantSuspensions;

    String carrier;

    @BeforeEach
    void carrier() {
        carrier = carriers.create("");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ResultActions route(String credential, String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + credential)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"c-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}"));
    }

    private void connects(String caller, long x, String callee) throws Exception {
        route(carrier, caller, x).andExpect(status().isOk()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andExpect(jsonPath("$.callee").value(callee)).andExpect(jsonPath("$.display").value(Long.toString(x)));
    }

    private void rejects(String caller, long x, String reason) throws Exception {
        route(carrier, caller, x).andExpect(status().isOk()).andExpect(jsonPath("$.action").value("REJECT"))
                .andExpect(jsonPath("$.reason").value(reason)).andExpect(jsonPath("$.callee").doesNotExist());
    }

    private long bind(TestBindings.Ready tenant, String json) throws Exception {
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(JsonPath.read(body, "$.x"));
    }

    @Test
    void axbConnectsABothWaysAndNobodyElse() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":600,\"record\":true}");
        connects("+86 " + a, x, b);
        route(carrier, a, x).andExpect(jsonPath("$.record").value(true)).andExpect(jsonPath("$.bindingId").isNumber());
        connects(b, x, a);
        rejects(bindings.verified(tenant.tenantId()), x, "NO_BINDING");
        rejects(a, tenant.x(9_999), "NO_BINDING");
        rejects(a, 700_9999_9999_9999L, "NO_BINDING");
    }

    @Test
    void aDecisionAboutABindingIsToldOutsideAnyTransaction() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        heard.watch(TenantId.of(tenant.tenantId()));
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b
                + "\",\"expiresInSeconds\":600,\"direction\":\"A_TO_B_ONLY\"}");
        long bindingId = ((Number) JsonPath.read(route(carrier, a, x).andReturn().getResponse().getContentAsString(),
                "$.bindingId")).longValue();
        rejects(b, x, "DIRECTION_NOT_ALLOWED");
        rejects(bindings.verified(tenant.tenantId()), x, "NO_BINDING");

        List<TestCallEvents.Heard<CallRouted>> told = heard.of(CallRouted.class).stream()
                .filter(h -> h.event().x() == x).toList();
        assertThat(told).as("the call with no binding behind it is told to no one")
                .extracting(h -> h.event().connected() + ":" + h.event().reason() + ":" + h.event().bindingId())
                .containsExactly("true:null:" + bindingId, "false:DIRECTION_NOT_ALLOWED:" + bindingId);
        assertThat(told).noneMatch(TestCallEvents.Heard::inTransaction);
        assertThat(told.get(0).event().tenant()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(told.get(0).event().maskedCaller()).isEqualTo(a.substring(0, 3) + "****" + a.substring(7));
        assertThat(told.get(0).event().callId()).startsWith("c-");
    }

    @Test
    void axnConnectsAToNAndEveryoneElseToA() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String n = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"" + n + "\",\"expiresInSeconds\":600}");
        connects(a, x, n);
        connects("010-8888-6666", x, a);
        connects(bindings.verified(tenant.tenantId()), x, a);
    }

    @Test
    void directionRestrictionsHold() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b
                + "\",\"expiresInSeconds\":600,\"direction\":\"A_TO_B_ONLY\"}");
        connects(a, x, b);
        rejects(b, x, "DIRECTION_NOT_ALLOWED");
        String c = bindings.verified(tenant.tenantId());
        String d = bindings.verified(tenant.tenantId());
        long y = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + c + "\",\"b\":\"" + d
                + "\",\"expiresInSeconds\":600,\"direction\":\"B_TO_A_ONLY\"}");
        rejects(c, y, "DIRECTION_NOT_ALLOWED");
        connects(d, y, c);
    }

    @Test
    void aBindingPastItsExpiryNeverConnectsEvenBeforeTheJobRuns() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":120}");
        clock.advance(Duration.ofSeconds(119));
        connects(a, x, b);
        clock.advance(Duration.ofSeconds(1));
        rejects(a, x, "EXPIRED");
        rejects(b, x, "EXPIRED");
    }

    @Test
    void aSuspendedNumberOrTenantRejects() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":600}");
        // through the services that suspend, as the routing cache learns of changes from their events
        numberSuspensions.suspendNumber(new UsageNumber(x), "test");
        rejects(a, x, "NUMBER_SUSPENDED");
        numberSuspensions.restoreNumber(new UsageNumber(x), "test");
        connects(a, x, b);
        tenantSuspensions.suspendFor(TenantId.of(tenant.tenantId()), SuspensionSource.OPERATOR, "", "operator", "test");
        rejects(a, x, "TENANT_SUSPENDED");
    }

    @Test
    void rejectionsAreCountedPerReasonAndKeptForOperators() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        double before = meters.counter("portal.route.rejections", "reason", "NO_BINDING").count();
        rejects(bindings.verified(tenant.tenantId()), tenant.x(17), "NO_BINDING");
        rejections.flush();
        assertThat(meters.counter("portal.route.rejections", "reason", "NO_BINDING").count()).isEqualTo(before + 1);
        Map<String, Object> kept = jdbc.sql("SELECT reason, tenant_id, caller_masked FROM route_rejection WHERE x = ?")
                .param(tenant.x(17)).query().singleRow();
        assertThat(kept).containsEntry("reason", "NO_BINDING").containsEntry("tenant_id", tenant.tenantId());
        assertThat((String) kept.get("caller_masked")).contains("****");
    }

    @Test
    void onlyCarrierCredentialsReachTheCarrierApi() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        route(tenant.key(), "13800138000", tenant.x(1))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_CREDENTIAL"));
        mvc.perform(post("/api/carrier/v1/route").with(TestLogins.as(accounts, "operator")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        String revoked = carriers.create("");
        carriers.revoke(revoked);
        route(revoked, "13800138000", tenant.x(1)).andExpect(status().isUnauthorized());
        String fenced = carriers.create("10.9.0.0/16");
        route(fenced, "13800138000", tenant.x(1))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("IP_NOT_ALLOWED"));
        route(carrier, "not-a-number", tenant.x(1))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_NUMBER"));
        route(carrier, "13800138000", 123L)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_X"));
    }

    @Test
    void aCredentialRevokedWhileRememberedIsRefusedAtOnce() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String secret = carriers.create("");
        route(secret, "13800138000", tenant.x(1)).andExpect(status().isOk());
        carriers.revoke(secret);
        route(secret, "13800138000", tenant.x(1))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_CREDENTIAL"));
    }

    @Test
    void theDemoCarrierCredentialPublishedInTheReadmeWorks() throws Exception {
        route("np700c_demo-carrier-credential-published-in-README-0000000", "13900000001", 700_1000_0000_0001L)
                .andExpect(status().isOk()).andExpect(jsonPath("$.action").exists());
    }
}
