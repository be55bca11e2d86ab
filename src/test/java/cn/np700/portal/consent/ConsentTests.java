package cn.np700.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Consent through the tenant API: required to bind, sent inline, withdrawn (ending bindings and routing), audited. */
@PortalIntegrationTest
class ConsentTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    Consents consents;
    @Autowired
    JdbcClient jdbc;

    private ResultActions bind(TestBindings.Ready tenant, String body) throws Exception {
        return mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String axb(String a, String b, String extra) {
        return "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600" + extra + "}";
    }

    private long consentIdOf(TestBindings.Ready tenant, String mobile) throws Exception {
        String body = mvc.perform(get("/api/v1/consents").param("mobile", mobile)
                        .header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.consents[0].id")).longValue();
    }

    private ResultActions withdraw(TestBindings.Ready tenant, long id) throws Exception {
        return mvc.perform(delete("/api/v1/consents/" + id).header("Authorization", "Bearer " + tenant.key()));
    }

    private ResultActions route(String carrier, String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"consent-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}")).andExpect(status().isOk());
    }

    @Test
    void aPartyWithoutConsentIsRefusedAndNothingIsWritten() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verifiedOnly(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());

        bind(tenant, axb(a, b, "")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("NO_CONSENT"))
                .andExpect(jsonPath("$.errors[0].field").value("a"))
                .andExpect(jsonPath("$.errors.length()").value(1));

        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
        assertThat(bindings.slotsOf(tenant.tenantId())).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isZero();
        assertThat(bindings.liveOn(tenant.firstX())).isZero();
    }

    @Test
    void consentsSentWithTheBindingAreRecordedInItsTransaction() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verifiedOnly(tenant.tenantId());
        String b = bindings.verifiedOnly(tenant.tenantId());

        bind(tenant, axb(a, b, ",\"consent\":{\"a\":{\"channel\":\"APP\",\"evidence\":\"order 1\"},"
                + "\"b\":{\"channel\":\"voice\",\"grantedAt\":\"2026-01-01T00:00:00Z\"}}"))
                .andExpect(status().isCreated());

        assertThat(consents.stateOf(TenantId.of(tenant.tenantId()), a).inForce()).get()
                .satisfies(c -> assertThat(c.evidence()).isEqualTo("order 1"));
        assertThat(consents.stateOf(TenantId.of(tenant.tenantId()), b).inForce()).get()
                .satisfies(c -> assertThat(c.channel()).isEqualTo(ConsentChannel.VOICE));
        assertThat(bindings.audits("CONSENT_RECORDED", tenant.tenantId())).isEqualTo(2);
    }

    @Test
    void aWrongInlineConsentOrAFailedBindingRecordsNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verifiedOnly(tenant.tenantId());
        String b = bindings.verifiedOnly(tenant.tenantId());

        bind(tenant, axb(a, b, ",\"consent\":{\"a\":{\"channel\":\"FAX\"}}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_CONSENT"))
                .andExpect(jsonPath("$.errors[0].field").value("consent.a.channel"));
        // A's consent is sent, B's is missing: the binding is refused and A's consent rolls back with it
        bind(tenant, axb(a, b, ",\"consent\":{\"a\":{\"channel\":\"APP\"}}")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("NO_CONSENT")).andExpect(jsonPath("$.errors[0].field").value("b"));

        assertThat(consents.stateOf(TenantId.of(tenant.tenantId()), a).history()).isEmpty();
        assertThat(bindings.audits("CONSENT_RECORDED", tenant.tenantId())).isZero();
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
    }

    @Test
    void withdrawalEndsTheNumbersLiveBindingsAndRoutingStopsConnectingThem() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String other = bindings.verified(tenant.tenantId());
        String body = bind(tenant, axb(a, b, "")).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        bind(tenant, axb(other, b, "")).andExpect(status().isCreated());
        String carrier = carriers.create("");
        // twice: the second answer comes from the routing cache
        route(carrier, b, x).andExpect(jsonPath("$.action").value("CONNECT"));
        route(carrier, b, x).andExpect(jsonPath("$.action").value("CONNECT"));

        long consent = consentIdOf(tenant, b);
        withdraw(tenant, consent).andExpect(status().isOk())
                .andExpect(jsonPath("$.bindingsEnded").value(2))
                .andExpect(jsonPath("$.consent.status").value("WITHDRAWN"));

        route(carrier, b, x).andExpect(jsonPath("$.action").value("REJECT"));
        route(carrier, a, x).andExpect(jsonPath("$.action").value("REJECT"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED')")
                .param(tenant.tenantId()).query(Long.class).single()).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
        assertThat(bindings.audits("CONSENT_WITHDRAWN", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("BINDING_UNBOUND", tenant.tenantId())).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE tenant_id = ? AND action = 'BINDING_UNBOUND' "
                        + "AND details LIKE '%CONSENT_WITHDRAWN%'").param(tenant.tenantId()).query(Long.class).single())
                .isEqualTo(2);

        // withdrawing again changes nothing; binding B again needs a new consent, which is a new record
        withdraw(tenant, consent).andExpect(status().isOk()).andExpect(jsonPath("$.bindingsEnded").value(0));
        bind(tenant, axb(a, b, "")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("NO_CONSENT")).andExpect(jsonPath("$.errors[0].field").value("b"));
        bindings.consented(tenant.tenantId(), b);
        assertThat(consentIdOf(tenant, b)).isNotEqualTo(consent);
        assertThat(consents.stateOf(TenantId.of(tenant.tenantId()), b).history()).hasSize(2);
        bind(tenant, axb(a, b, "")).andExpect(status().isCreated());
    }

    @Test
    void theApiRecordsReadsAndRefusesAsProblems() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        String mobile = bindings.verifiedOnly(tenant.tenantId());
        String json = "{\"mobile\":\"" + mobile + "\",\"channel\":\"PAPER\",\"evidence\":\"form 7\"}";

        String created = mvc.perform(post("/api/v1/consents").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("IN_FORCE"))
                .andExpect(jsonPath("$.mobile").value(mobile.substring(0, 3) + "****" + mobile.substring(7)))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(post("/api/v1/consents").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        mvc.perform(get("/api/v1/consents/" + id).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.channel").value("PAPER"));
        mvc.perform(post("/api/v1/consents").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mobile\":\"12345\",\"channel\":\"APP\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_NUMBER"));
        mvc.perform(post("/api/v1/consents").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mobile\":\"" + mobile + "\",\"channel\":\"APP\",\"grantedAt\":\"2999-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_CONSENT"))
                .andExpect(jsonPath("$.errors[0].field").value("grantedAt"));

        // another enterprise's consent is not found, and cannot be withdrawn
        mvc.perform(get("/api/v1/consents/" + id).header("Authorization", "Bearer " + other.key()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
        withdraw(other, id).andExpect(status().isNotFound());
        assertThat(consents.find(TenantId.of(tenant.tenantId()), id)).get().satisfies(c -> assertThat(c.inForce()).isTrue());
        assertThat(bindings.audits("CONSENT_RECORDED", tenant.tenantId())).isEqualTo(1);
    }

    /**
     * A withdrawal and a creation of the same number, started together many times: whichever commits first, no binding
     * of the number may be live once both are done (a creation after the withdrawal is refused; one before it is
     * ended by it).
     */
    @Test
    void noBindingSurvivesAWithdrawalRacingItsCreation() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TenantId id = TenantId.of(tenant.tenantId());
        int created = 0;
        int refused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                String a = bindings.verified(tenant.tenantId());
                String b = bindings.verified(tenant.tenantId());
                long consent = consents.stateOf(id, a).inForce().orElseThrow().id();
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Integer> creation = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    try {
                        return bind(tenant, axb(a, b, "")).andReturn().getResponse().getStatus();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool);
                CompletableFuture<Consents.Withdrawal> withdrawal = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return consents.withdraw(id, consent, "test");
                }, pool);
                int answer = creation.get();
                Consents.Withdrawal done = withdrawal.get();
                assertThat(answer).isIn(201, 422);
                if (answer == 201) {
                    created++;
                    assertThat(done.bindingsEnded()).as("the withdrawal ended the binding made before it").isEqualTo(1);
                } else {
                    refused++;
                }
                assertThat(jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND a_hash = ? "
                                + "AND status IN ('ACTIVE', 'SUSPENDED')")
                        .params(tenant.tenantId(), hashOf(a)).query(Long.class).single())
                        .as("live bindings of the withdrawn number, round %d", round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created + refused).isEqualTo(30);
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
    }

    @Autowired
    cn.np700.portal.verification.PersonalDataCipher cipher;

    private byte[] hashOf(String mobile) {
        return cipher.index(mobile);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
