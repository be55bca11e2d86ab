package cn.np700.portal.bindings;

import static cn.np700.portal.bindings.BindingApiTests.axb;
import static cn.np700.portal.bindings.BindingApiTests.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The binding rules as API callers meet them: each refusal has its code and changes nothing. */
@PortalIntegrationTest
class BindingRulesApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestApiKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Quotas quotas;

    ResultActions call(String key, MockHttpServletRequestBuilder request, String json) throws Exception {
        request.header("Authorization", "Bearer " + key);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    private void refused(String key, String json, int status, String code, String field) throws Exception {
        ResultActions result = call(key, post("/api/v1/bindings"), json)
                .andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[0].field").value(field)).andExpect(jsonPath("$.errors[0].code").value(code));
        }
    }

    @Test
    void badInputIsRefusedWithItsCodeAndWritesNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String key = tenant.key();
        refused(key, axb("12345", b, ""), 400, "INVALID_NUMBER", "a");
        refused(key, axb("0755-8888-1234", b, ""), 400, "INVALID_NUMBER", "a");
        refused(key, axb(a, "+86 " + a, ""), 400, "SAME_PARTY", "b");
        refused(key, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"expiresInSeconds\":3600}", 400, "INVALID_NUMBER", "b");
        refused(key, "{\"mode\":\"AXY\",\"a\":\"" + a + "\",\"expiresInSeconds\":3600}", 400, "INVALID_MODE", "mode");
        refused(key, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":59}", 400,
                "INVALID_EXPIRY", "expiresInSeconds");
        refused(key, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":604801}", 400,
                "INVALID_EXPIRY", "expiresInSeconds");
        refused(key, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\"}", 400, "INVALID_EXPIRY", "expiresInSeconds");
        refused(key, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresAt\":\"tomorrow\"}", 400,
                "INVALID_EXPIRY", "expiresAt");
        refused(key, axb(a, b, ",\"direction\":\"SIDEWAYS\""), 400, "INVALID_DIRECTION", "direction");
        refused(key, axb(a, b, ",\"x\":\"12345\""), 400, "INVALID_X", "x");
        refused(key, axb(a, b, ",\"orderRef\":\"" + "o".repeat(65) + "\""), 400, "INVALID_ORDER_REF", "orderRef");
        refused(key, axb(a, b, ",\"tenantId\":1"), 400, "UNKNOWN_FIELD", null);
        refused(key, "{\"mode\":\"AXB\",", 400, "MALFORMED_JSON", null);
        call(key, post("/api/v1/bindings"), axb("12345", "999", ",\"expiresAt\":\"x\""))
                .andExpect(jsonPath("$.errors.length()").value(3));

        TestBindings.Ready other = bindings.tenant();
        refused(key, axb(a, b, ",\"x\":\"" + other.x(5) + "\""), 422, "X_NOT_HELD", "x");
        jdbc.sql("UPDATE pool_number SET status = 'SUSPENDED', suspended_reason = 'test' WHERE number = ?")
                .param(tenant.x(7)).update();
        refused(key, axb(a, b, ",\"x\":\"" + tenant.x(7) + "\""), 409, "X_SUSPENDED", "x");
        refused(key, axb(a, TestMobiles.withPrefix("1700"), ""), 422, "NOT_VERIFIED", "b");

        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
        assertThat(bindings.slotsOf(tenant.tenantId())).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isZero();
    }

    @Test
    void theApiVerifiesANumberWithoutAResultOnTheSpot() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        // no verification yet, but its user's consent is on record (consent is not verified on the spot)
        String fresh = bindings.consented(tenant.tenantId(), TestMobiles.withPrefix("137"));
        call(tenant.key(), post("/api/v1/bindings"), axb(bindings.verified(tenant.tenantId()), fresh, ""))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ? AND source = 'API' "
                + "AND outcome = 'VERIFIED'").param(tenant.tenantId()).query(Long.class).single()).isEqualTo(1);
    }

    /** An AXB binding of two verified parties made through the API with an orderRef, and the request that made it. */
    private record Made(TestBindings.Ready tenant, String a, String body, long id) {
    }

    private Made madeWithOrderRef(String orderRef) throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String body = axb(a, bindings.verified(tenant.tenantId()), ",\"orderRef\":\"" + orderRef + "\"");
        return new Made(tenant, a, body, id(call(tenant.key(), post("/api/v1/bindings"), body).andExpect(status().isCreated())));
    }

    @Test
    void orderRefMakesCreationIdempotentAmongLiveBindings() throws Exception {
        Made made = madeWithOrderRef("订单-42");
        TestBindings.Ready tenant = made.tenant();
        String a = made.a();
        String body = made.body();
        long first = made.id();
        call(tenant.key(), post("/api/v1/bindings"), body).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(first));
        call(tenant.key(), post("/api/v1/bindings"), axb(a, bindings.verified(tenant.tenantId()), ",\"orderRef\":\"订单-42\""))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ORDER_REF_CONFLICT"))
                .andExpect(jsonPath("$.detail").value(containsString(Long.toString(first))));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);

        TestBindings.Ready other = bindings.tenant();
        call(other.key(), post("/api/v1/bindings"), axb(bindings.verified(other.tenantId()),
                bindings.verified(other.tenantId()), ",\"orderRef\":\"订单-42\"")).andExpect(status().isCreated());

        call(tenant.key(), delete("/api/v1/bindings/" + first), null).andExpect(status().isOk());
        long second = id(call(tenant.key(), post("/api/v1/bindings"), body).andExpect(status().isCreated()));
        assertThat(second).isNotEqualTo(first);
        call(tenant.key(), get("/api/v1/bindings?orderRef=订单-42"), null).andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].id").value(second));
    }

    /**
     * An integrator that lost the answer sends the same request again, perhaps after one party's real-name result ran
     * out: the repeat answers the live binding it made (200, same id), without verifying anyone again or refusing, as
     * it would have answered the first time; a lapse refuses new bindings only. A repeat naming other numbers is still
     * the conflict. Once that binding has ended, the same request is a new creation and the API verifies on the spot.
     */
    @Test
    void aRepeatAfterAPartysVerificationLapsedAnswersTheLiveBindingWithoutVerifyingAgain() throws Exception {
        Made first = madeWithOrderRef("lapse-1");
        TestBindings.Ready tenant = first.tenant();
        String otherB = bindings.verified(tenant.tenantId());
        bindings.lapseVerification(tenant.tenantId(), first.a());
        long verifications = bindings.verificationsOf(tenant.tenantId());

        call(tenant.key(), post("/api/v1/bindings"), first.body()).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(first.id())).andExpect(jsonPath("$.status").value("ACTIVE"));
        call(tenant.key(), post("/api/v1/bindings"), axb(first.a(), otherB, ",\"orderRef\":\"lapse-1\""))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ORDER_REF_CONFLICT"));
        // the repeat told apart from a new creation: no fresh verification of A on the spot, one binding, one entry
        assertThat(bindings.verificationsOf(tenant.tenantId())).isEqualTo(verifications);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isEqualTo(1);

        call(tenant.key(), delete("/api/v1/bindings/" + first.id()), null).andExpect(status().isOk());
        long again = id(call(tenant.key(), post("/api/v1/bindings"), first.body()).andExpect(status().isCreated()));
        assertThat(again).isNotEqualTo(first.id());
        assertThat(bindings.verificationsOf(tenant.tenantId())).as("A verified on the spot for the new binding")
                .isEqualTo(verifications + 1);
    }

    @Test
    void theCreatedBindingReadsTheSameAsItsRowReadBack() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String created = call(tenant.key(), post("/api/v1/bindings"), axb(bindings.verified(tenant.tenantId()),
                bindings.verified(tenant.tenantId()), ",\"orderRef\":\"o-1\",\"direction\":\"A_TO_B_ONLY\",\"record\":true"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String read = call(tenant.key(), get("/api/v1/bindings/" + id), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<Map<String, Object>>read(created, "$")).isEqualTo(JsonPath.<Map<String, Object>>read(read, "$"));
    }

    @Test
    void aQuotaChangedOnThisNodeHoldsForTheVeryNextBinding() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        call(tenant.key(), post("/api/v1/bindings"), axb(bindings.verified(tenant.tenantId()),
                bindings.verified(tenant.tenantId()), "")).andExpect(status().isCreated());
        quotas.change(TenantId.of(tenant.tenantId()), new QuotaOverrides(null, 1, null, null, null, null, 0));
        refused(tenant.key(), axb(bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), ""), 429,
                "QUOTA_EXCEEDED", null);
        quotas.change(TenantId.of(tenant.tenantId()), new QuotaOverrides(null, 2, null, null, null, null, 0));
        call(tenant.key(), post("/api/v1/bindings"), axb(bindings.verified(tenant.tenantId()),
                bindings.verified(tenant.tenantId()), "")).andExpect(status().isCreated());
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(2);
    }

    @Test
    void aRealNumberAppearsOncePerXAndAReplacedBKeepsItsX() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(11);
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String c = bindings.verified(tenant.tenantId());
        String d = bindings.verified(tenant.tenantId());
        String onX = ",\"x\":\"" + x + "\"";
        long ab = id(call(tenant.key(), post("/api/v1/bindings"), axb(a, b, onX)).andExpect(status().isCreated()));
        refused(tenant.key(), axb(c, a, onX), 409, "PARTY_ALREADY_ON_X", "b");
        long cd = id(call(tenant.key(), post("/api/v1/bindings"), axb(c, d, onX)).andExpect(status().isCreated()));
        assertThat(bindings.liveOn(x)).isEqualTo(2);

        call(tenant.key(), patch("/api/v1/bindings/" + ab), "{\"b\":\"" + c + "\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("PARTY_ALREADY_ON_X"));
        call(tenant.key(), get("/api/v1/bindings/" + ab), null).andExpect(jsonPath("$.b").value(TestMobiles.masked(b)));

        call(tenant.key(), delete("/api/v1/bindings/" + cd), null).andExpect(status().isOk());
        call(tenant.key(), patch("/api/v1/bindings/" + ab), "{\"b\":\"" + c + "\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.x").value(Long.toString(x)))
                .andExpect(jsonPath("$.b").value(TestMobiles.masked(c)));
        id(call(tenant.key(), post("/api/v1/bindings"), axb(b, d, onX)).andExpect(status().isCreated()));
        call(tenant.key(), patch("/api/v1/bindings/" + ab), "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_CHANGE"));
        call(tenant.key(), patch("/api/v1/bindings/" + ab), "{\"expiresInSeconds\":30}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_EXPIRY"));
    }

    @Test
    void thePortalPicksOnlyAnXWhereNeitherPartyIsLiveYet() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(31);
        bindings.poolOfOne(tenant, x);
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String c = bindings.verified(tenant.tenantId());
        String d = bindings.verified(tenant.tenantId());
        long ab = id(call(tenant.key(), post("/api/v1/bindings"), axb(a, b, "")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.x").value(Long.toString(x))));

        refused(tenant.key(), axb(a, c, ""), 409, "NO_NUMBER_AVAILABLE", null);
        refused(tenant.key(), axb(c, b, ""), 409, "NO_NUMBER_AVAILABLE", null);
        call(tenant.key(), post("/api/v1/bindings"), axb(c, d, "")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.x").value(Long.toString(x)));

        call(tenant.key(), delete("/api/v1/bindings/" + ab), null).andExpect(status().isOk());
        call(tenant.key(), post("/api/v1/bindings"), axb(a, bindings.verified(tenant.tenantId()), ""))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.x").value(Long.toString(x)));
        assertThat(bindings.liveOn(x)).isEqualTo(2);
    }

    @Test
    void aPartyLiveOnMostOfThePoolStillGetsTheXItIsNotOn() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        int pool = 40;
        bindings.poolBetween(tenant, tenant.x(100), tenant.x(100 + pool - 1));
        long free = tenant.x(100 + pool - 1);
        for (int party = 0; party < 3; party++) {
            String a = bindings.verified(tenant.tenantId());
            for (int i = 0; i < pool - 1; i++) {
                call(tenant.key(), post("/api/v1/bindings"), axb(a, bindings.verified(tenant.tenantId()),
                        ",\"x\":\"" + tenant.x(100 + i) + "\"")).andExpect(status().isCreated());
            }
            call(tenant.key(), post("/api/v1/bindings"), axb(a, bindings.verified(tenant.tenantId()), ""))
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.x").value(Long.toString(free)));
        }
    }

    @Test
    void anAxnBindingHoldsItsXAlone() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String n = bindings.verified(tenant.tenantId());
        ResultActions axn = call(tenant.key(), post("/api/v1/bindings"),
                "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"" + n + "\",\"expiresInSeconds\":600}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.n").value(TestMobiles.masked(n)))
                .andExpect(jsonPath("$.b").doesNotExist());
        String x = com.jayway.jsonpath.JsonPath.read(axn.andReturn().getResponse().getContentAsString(), "$.x");
        refused(tenant.key(), axb(bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()),
                ",\"x\":\"" + x + "\""), 409, "X_UNAVAILABLE", "x");
        long withPair = tenant.x(21);
        id(call(tenant.key(), post("/api/v1/bindings"), axb(bindings.verified(tenant.tenantId()),
                bindings.verified(tenant.tenantId()), ",\"x\":\"" + withPair + "\"")).andExpect(status().isCreated()));
        refused(tenant.key(), "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"x\":\"" + withPair + "\",\"expiresInSeconds\":600}",
                409, "X_UNAVAILABLE", "x");
        refused(tenant.key(), "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"b\":\"" + n + "\",\"expiresInSeconds\":600}",
                400, "INVALID_NUMBER", "b");
        call(tenant.key(), patch("/api/v1/bindings/" + id(axn)), "{\"b\":\"" + n + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_CHANGE"));
    }

    @Test
    void anotherTenantsBindingAnswers404AndStaysAsItWas() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready theirs = bindings.tenant();
        long id = id(call(theirs.key(), post("/api/v1/bindings"), axb(bindings.verified(theirs.tenantId()),
                bindings.verified(theirs.tenantId()), "")).andExpect(status().isCreated()));
        call(mine.key(), get("/api/v1/bindings/" + id), null)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
        call(mine.key(), patch("/api/v1/bindings/" + id), "{\"direction\":\"A_TO_B_ONLY\"}").andExpect(status().isNotFound());
        call(mine.key(), delete("/api/v1/bindings/" + id), null).andExpect(status().isNotFound());
        call(mine.key(), get("/api/v1/bindings/abc"), null).andExpect(status().isNotFound());
        call(mine.key(), get("/api/v1/bindings?status=ALIVE"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
        call(theirs.key(), get("/api/v1/bindings/" + id), null)
                .andExpect(jsonPath("$.status").value("ACTIVE")).andExpect(jsonPath("$.direction").value("BOTH"));
    }

    @Test
    void allowlistedRevokedAndSuspendedKeysAreRefusedBeforeAnythingIsBound() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String body = axb(bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), "");
        String office = keys.create(tenant.tenantId(), "office", "10.1.2.0/24");
        call(office, post("/api/v1/bindings"), body)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("IP_NOT_ALLOWED"));
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + office)
                        .contentType(MediaType.APPLICATION_JSON).content(body)
                        .with(request -> {
                            request.setRemoteAddr("10.1.2.77");
                            return request;
                        }))
                .andExpect(status().isCreated());
        String old = keys.create(tenant.tenantId(), "old", "");
        keys.revoke(tenant.tenantId(), old);
        call(old, get("/api/v1/bindings"), null)
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_API_KEY"));
        jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?").param(tenant.tenantId()).update();
        call(tenant.key(), get("/api/v1/bindings"), null)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("TENANT_SUSPENDED"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
    }
}
