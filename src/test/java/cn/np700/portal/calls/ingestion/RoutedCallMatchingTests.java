package cn.np700.portal.calls.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A call the routing connected never goes missing from the enterprise's view: a record that names the routing
 * answer's binding, or starts a few seconds outside the binding's life (the carrier's clock, times cut to whole
 * seconds), is matched; a record stored unmatched is linked later when its binding becomes known, or by an operator,
 * and is counted once.
 */
@PortalIntegrationTest
class RoutedCallMatchingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    UnmatchedCallRelinking relinking;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    String carrier;
    TestBindings.Ready tenant;
    String a;
    String b;
    long x;
    long bindingId;
    /** The binding's creation, with a fraction of a second a carrier cutting to whole seconds loses. */
    Instant created;

    @BeforeEach
    void bound() throws Exception {
        carrier = carriers.create("");
        tenant = bindings.tenant();
        a = bindings.verified(tenant.tenantId());
        b = bindings.verified(tenant.tenantId());
        String body = bind(a, b);
        x = Long.parseLong(JsonPath.read(body, "$.x"));
        bindingId = ((Number) JsonPath.read(body, "$.id")).longValue();
        created = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).plusMillis(700);
        jdbc.sql("UPDATE binding SET created_at = ? WHERE id = ?").params(Timestamp.from(created), bindingId).update();
    }

    private String bind(String first, String second) throws Exception {
        return mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + first + "\",\"b\":\"" + second
                                + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private long routed(String callId, String caller) throws Exception {
        String body = mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"callId\":\"" + callId + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                                + "\",\"type\":\"VOICE\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.bindingId")).longValue();
    }

    private static String record(String callId, long x, String caller, String callee, Instant start, Long binding) {
        return "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"caller\":\"" + caller + "\",\"callee\":\"" + callee
                + "\",\"type\":\"VOICE\",\"startTime\":\"" + start + "\",\"releaseTime\":\"" + start.plusSeconds(40)
                + "\",\"durationSeconds\":30,\"result\":\"ANSWERED\"" + (binding == null ? "" : ",\"bindingId\":" + binding)
                + "}";
    }

    private ResultActions push(String... records) throws Exception {
        return mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + String.join(",", records) + "]}"));
    }

    private long counted() {
        return jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM call_daily_tenant WHERE tenant_id = ?")
                .param(tenant.tenantId()).query(Long.class).single();
    }

    private String matchOf(String callId) {
        return jdbc.sql("SELECT CONCAT(match_status, ':', COALESCE(binding_id, 0)) FROM call_record WHERE call_id = ?")
                .param(callId).query(String.class).single();
    }

    private long id(String callId) {
        return jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    @Test
    void routedCallsStartingUpToFiveSecondsOutsideTheBindingLandOnTheEnterprisesListAndStatistics() throws Exception {
        String p = "skew-" + System.nanoTime() + "-";
        assertThat(routed(p + "routed", a)).isEqualTo(bindingId);
        Instant cut = created.truncatedTo(ChronoUnit.SECONDS);
        push(record(p + "routed", x, a, b, created.minusSeconds(5), bindingId),
                record(p + "cut", x, a, b, cut, null),
                record(p + "behind", x, b, a, created.minusSeconds(5), null),
                record(p + "ahead", x, a, b, created.plusSeconds(5), null))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.unmatched").value(0));
        for (String call : new String[] {"routed", "cut", "behind", "ahead"}) {
            assertThat(matchOf(p + call)).isEqualTo("MATCHED:" + bindingId);
        }
        assertThat(counted()).isEqualTo(4);

        mvc.perform(delete("/api/v1/bindings/" + bindingId).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk());
        Instant ended = jdbc.sql("SELECT ended_at FROM binding WHERE id = ?").param(bindingId).query(Timestamp.class)
                .single().toInstant();
        push(record(p + "after-end", x, b, a, ended.plusSeconds(5), null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.unmatched").value(0));
        assertThat(matchOf(p + "after-end")).isEqualTo("MATCHED:" + bindingId);
        assertThat(counted()).isEqualTo(5);

        String list = mvc.perform(get("/calls").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (String call : new String[] {"routed", "cut", "behind", "ahead", "after-end"}) {
            assertThat(list).contains("call-" + id(p + call));
        }
    }

    @Test
    void aRecordFarOutsideEveryBindingOrNamingABindingOfAnotherNumberStaysUnmatched() throws Exception {
        String p = "far-" + System.nanoTime() + "-";
        TestBindings.Ready other = bindings.tenant();
        String c = bindings.verified(other.tenantId());
        String d = bindings.verified(other.tenantId());
        String otherBody = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + other.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + c + "\",\"b\":\"" + d + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long othersBinding = ((Number) JsonPath.read(otherBody, "$.id")).longValue();
        push(record(p + "early", x, a, b, created.minusSeconds(600), null),
                record(p + "foreign", x, a, b, created.minusSeconds(600), othersBinding))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unmatched").value(2));
        assertThat(matchOf(p + "early")).isEqualTo("NO_BINDING:0");
        assertThat(matchOf(p + "foreign")).isEqualTo("NO_BINDING:0");
        assertThat(counted()).isZero();
    }

    @Test
    void anUnmatchedRecordIsRelinkedOnceItsBindingBecomesKnownAndCountedOnce() throws Exception {
        String p = "relink-" + System.nanoTime() + "-";
        Instant before = created.minus(2, ChronoUnit.HOURS);
        push(record(p + "early", x, a, b, before, null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.unmatched").value(1));
        assertThat(matchOf(p + "early")).isEqualTo("NO_BINDING:0");

        // the binding as another node committed it: live since three hours ago
        jdbc.sql("UPDATE binding SET created_at = ? WHERE id = ?").params(Timestamp.from(created.minus(3,
                ChronoUnit.HOURS)), bindingId).update();
        assertThat(relinking.relink()).isGreaterThanOrEqualTo(1);
        assertThat(matchOf(p + "early")).isEqualTo("MATCHED:" + bindingId);
        assertThat(counted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT direction FROM call_record WHERE call_id = ?").param(p + "early")
                .query(String.class).single()).isEqualTo("A_TO_B");

        relinking.relink();
        assertThat(counted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'UNMATCHED_CALLS_RELINKED' AND tenant_id = ?")
                .param(tenant.tenantId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOperatorLinksAnUnmatchedRecordByHandWithAReasonAndItIsCountedOnce() throws Exception {
        String p = "hand-" + System.nanoTime() + "-";
        String stranger = bindings.verified(tenant.tenantId());
        push(record(p + "stranger", x, stranger, b, created.plusSeconds(30), null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.unmatched").value(1));
        long id = id(p + "stranger");
        String url = "/operator/calls/unmatched/" + id + "/link";

        String page = mvc.perform(get(url).with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("candidate-" + bindingId);
        mvc.perform(get(url).with(TestLogins.as(accounts, "auditor"))).andExpect(status().isForbidden());

        String refused = mvc.perform(post(url).param("bindingId", Long.toString(bindingId)).param("reason", " ")
                        .with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("field-error")
                .containsPattern("id=\"pick-" + bindingId + "\"[^>]*checked=\"checked\"");
        TestBindings.Ready other = bindings.tenant();
        mvc.perform(post(url).param("typedBindingId", Long.toString(other.firstX())).param("reason", "wrong number")
                        .with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk());
        assertThat(matchOf(p + "stranger")).isEqualTo("NO_BINDING:0");
        assertThat(counted()).isZero();

        mvc.perform(post(url).param("bindingId", Long.toString(bindingId))
                        .param("reason", "Carrier confirmed the caller was forwarded")
                        .with(csrf()).with(TestLogins.as(accounts, "reviewer")))
                .andExpect(redirectedUrl("/operator/calls/" + id));
        assertThat(matchOf(p + "stranger")).isEqualTo("MATCHED:" + bindingId);
        assertThat(counted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'UNMATCHED_CALL_LINKED' AND target_id = ?")
                .param(Long.toString(id)).query(String.class).single())
                .contains("Carrier confirmed the caller was forwarded").contains("\"partiesMatch\":false");

        mvc.perform(post(url).param("bindingId", Long.toString(bindingId)).param("reason", "again")
                        .with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(redirectedUrl("/operator/calls/" + id));
        assertThat(counted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'UNMATCHED_CALL_LINKED' AND target_id = ?")
                .param(Long.toString(id)).query(Long.class).single()).isEqualTo(1);
        String list = mvc.perform(get("/calls").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("call-" + id);
    }
}
