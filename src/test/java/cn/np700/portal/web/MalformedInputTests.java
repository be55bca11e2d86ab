package cn.np700.portal.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Malformed filters, form values, sizes and media types answer 4xx with a message, never 500 (issue 23, item 4). */
@PortalIntegrationTest
class MalformedInputTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestApiKeys apiKeys;
    @Autowired
    TestCarrierClients carrierClients;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/numbers?block=abc                | kuaida-admin | block",
            "/operator/tenants?status=x        | operator     | status",
    })
    void aListFilterOfTheWrongTypeAnswers400WithTheFieldNamed(String url, String user, String field) throws Exception {
        mvc.perform(get(url).with(TestLogins.as(accounts, user)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请求中有无法识别的值")))
                .andExpect(content().string(containsString("有问题的字段：" + field)));
    }

    @Test
    void aRiskRuleCheckboxThatIsNotABooleanChangesNothing() throws Exception {
        String before = jdbc.sql("SELECT CONCAT(enabled, threshold) FROM risk_rule WHERE code = 'SHORT_CALLS'")
                .query(String.class).single();
        mvc.perform(post("/operator/risk/rules/SHORT_CALLS").with(csrf()).with(TestLogins.as(accounts, "operator"))
                        .param("enabled", "abc").param("threshold", "60").param("volume", "70"))
                .andExpect(status().isBadRequest());
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT CONCAT(enabled, threshold) FROM risk_rule WHERE code = 'SHORT_CALLS'").query(String.class).single())
                .isEqualTo(before);
    }

    @Test
    void theLiveNumberCheckWithoutItsFieldAnswers400() throws Exception {
        mvc.perform(post("/bindings/new/check").with(csrf()).with(TestLogins.as(accounts, "kuaida-admin"))
                .param("a", "13800138000")).andExpect(status().isBadRequest());
    }

    @Test
    void anOversizedValueOrBodyIsRefusedBeforeAnythingReadsIt() throws Exception {
        mvc.perform(get("/calls").param("orderRef", "x".repeat(10_000)).with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/operator/complaints/1/handled").with(csrf()).with(TestLogins.as(accounts, "operator"))
                .param("note", "理由".repeat(500_000))).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + apiKey())
                        .contentType("application/json").content("{\"orderRef\":\"" + "x".repeat(1_100_000) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("REQUEST_TOO_LARGE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "text/plain", "application/xml", "application/json;charset=ISO-8859-1"})
    void everyJsonEndpointAnswers415ForAWildcardOrWrongContentType(String type) throws Exception {
        String key = apiKey();
        String carrier = carrierClients.create(null);
        for (var request : java.util.List.of(
                post("/api/v1/bindings").header("Authorization", "Bearer " + key),
                patch("/api/v1/bindings/1").header("Authorization", "Bearer " + key),
                post("/api/v1/verifications").header("Authorization", "Bearer " + key),
                post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier),
                post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier))) {
            mvc.perform(request.header("Content-Type", type).content("{}"))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
        }
    }

    @Test
    void anAnonymousRequestForTheErrorPathIsNotFound() throws Exception {
        mvc.perform(get("/error")).andExpect(status().isNotFound());
        mvc.perform(get("/error").accept("application/json")).andExpect(status().isNotFound());
    }

    private String apiKey() {
        return apiKeys.create(accounts.find("kuaida-admin").orElseThrow().tenantId().value(), "malformed-input-" + cn.np700.portal.tenancy.TestTenants.unique(), null);
    }
}
