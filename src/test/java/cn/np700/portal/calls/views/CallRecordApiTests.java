package cn.np700.portal.calls.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.TestTenants;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/v1/call-records}: the key's tenant's records only, by cursor, filtered, refusing bad filters. */
@PortalIntegrationTest
class CallRecordApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;

    private TestCalls calls() {
        return new TestCalls(jdbc);
    }

    private String get200(String key, String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", "Bearer " + key)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private static List<Long> ids(String json) {
        List<Number> ids = JsonPath.read(json, "$.items[*].id");
        return ids.stream().map(Number::longValue).toList();
    }

    @Test
    void pagesByCursorNewestFirstWithoutSkippingOrRepeatingAndShowsOnlyTheKeysTenant() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        Instant at = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), at.minusSeconds(i / 3)));
            calls().insert(TestCalls.Call.of(other.tenantId(), mine.x(1), at.minusSeconds(i / 3)));
        }
        List<Long> expected = jdbc.sql("SELECT id FROM call_record WHERE tenant_id = ? ORDER BY start_time DESC, id DESC")
                .param(mine.tenantId()).query(Long.class).list();

        List<Long> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String url = "/api/v1/call-records?limit=3";
        String json = null;
        while (url != null) {
            json = get200(mine.key(), url);
            walked.addAll(ids(json));
            sizes.add(ids(json).size());
            String next = JsonPath.read(json, "$.next");
            url = next == null ? null : "/api/v1/call-records?limit=3&after=" + next;
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(walked).isEqualTo(expected);
        assertThat((Object) JsonPath.read(json, "$.next")).isNull();

        String first = get200(mine.key(), "/api/v1/call-records");
        assertThat(ids(first)).isEqualTo(expected);
        assertThat((String) JsonPath.read(first, "$.items[0].caller")).isEqualTo("139****0001");
        assertThat((String) JsonPath.read(first, "$.items[0].x")).isEqualTo(Long.toString(mine.x(1)));
        assertThat((String) JsonPath.read(first, "$.items[0].startTime")).isEqualTo(at.toString());
        assertThat(first).doesNotContain("cipher", "hash", "tenant");
    }

    @Test
    void filtersApplyAsOnThePortalIncludingTheOrderRefsBindings() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        String a = bindings.verified(mine.tenantId());
        String b = bindings.verified(mine.tenantId());
        String ref = "API-" + TestTenants.unique();
        String created = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + mine.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\""
                                + b + "\",\"expiresInSeconds\":3600,\"orderRef\":\"" + ref + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long bindingId = ((Number) JsonPath.read(created, "$.id")).longValue();
        Instant at = Instant.parse("2025-06-01T04:00:00Z");
        long voice = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), at).binding(bindingId));
        long busy = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), at.plusSeconds(60)).result("BUSY"));
        long sms = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(2), at.plusSeconds(7200)).type("SMS"));

        String base = "/api/v1/call-records?";
        assertThat(ids(get200(mine.key(), base + "result=BUSY"))).containsExactly(busy);
        assertThat(ids(get200(mine.key(), base + "type=SMS"))).containsExactly(sms);
        assertThat(ids(get200(mine.key(), base + "x=" + mine.x(1)))).containsExactly(busy, voice);
        assertThat(ids(get200(mine.key(), base + "orderRef=" + ref))).containsExactly(voice);
        String byRef = get200(mine.key(), base + "orderRef=" + ref);
        assertThat((String) JsonPath.read(byRef, "$.items[0].orderRef")).isEqualTo(ref);
        assertThat(((Number) JsonPath.read(byRef, "$.items[0].bindingId")).longValue()).isEqualTo(bindingId);
        assertThat(ids(get200(mine.key(), base + "from=2025-06-01T04:00:30Z&to=2025-06-01T05:00:00Z")))
                .containsExactly(busy);
        // a date is a whole day in Beijing time: 2025-06-01 12:00 and 14:00 there
        assertThat(ids(get200(mine.key(), base + "from=2025-06-01&to=2025-06-01"))).containsExactly(sms, busy, voice);
    }

    @Test
    void filtersThatCannotBeAppliedAreRefusedNamingEveryParameter() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        mvc.perform(get("/api/v1/call-records?x=123&from=soon&result=MAYBE&type=FAX&after=!!&limit=501")
                        .header("Authorization", "Bearer " + mine.key()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "from", "x", "result", "type", "after", "limit")))
                .andExpect(jsonPath("$.errors[?(@.field == 'x')].code").value("INVALID_X"))
                .andExpect(jsonPath("$.errors[?(@.field == 'limit')].message").value("limit is a whole number from 1 to 500."));
        mvc.perform(get("/api/v1/call-records?limit=0").header("Authorization", "Bearer " + mine.key()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("INVALID_LIMIT"));
        mvc.perform(get("/api/v1/call-records?limit=500").header("Authorization", "Bearer " + mine.key()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/call-records")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
    }
}
