package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.apikeys.ApiKeys;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** API keys made in the portal, and the tenant API behind them: who gets in, and how refusals read. */
@PortalIntegrationTest
class TenantApiTests {

    private static final Pattern SECRET = Pattern.compile("np700_[A-Za-z0-9_-]{43}");

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    private record Tenant(long id, String admin) {
    }

    private Tenant newTenant() {
        TestTenants.Created created = tenants.tenant();
        return new Tenant(created.tenantId(), created.adminUsername());
    }

    private String createKey(Tenant tenant, String name, String cidrs) throws Exception {
        String page = mvc.perform(post("/enterprise/api-keys").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                        .param("name", name).param("allowedCidrs", cidrs))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher secret = SECRET.matcher(page);
        assertThat(secret.find()).as("the secret is shown once").isTrue();
        return secret.group();
    }

    private ResultActions verify(String key, String json) throws Exception {
        var request = post("/api/v1/verifications").contentType(MediaType.APPLICATION_JSON).content(json);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return mvc.perform(request);
    }

    private long checksOf(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single();
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndVerifiesForItsOwnTenant() throws Exception {
        Tenant tenant = newTenant();
        String key = createKey(tenant, "订单系统", "");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key WHERE secret_hash = ? AND tenant_id = ?")
                .params(ApiKeys.hash(key), tenant.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key WHERE prefix = ? OR secret_hash = ?").params(key, key)
                .query(Long.class).single()).isZero();

        verify(key, "{\"mobile\":\"+86 138-0013-8000\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mobile").value("138****8000"))
                .andExpect(jsonPath("$.outcome").value("VERIFIED"))
                .andExpect(jsonPath("$.threeElements").value(false))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("13800138000"))));
        assertThat(checksOf(tenant)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT checked_by FROM verification_record WHERE tenant_id = ?").param(tenant.id())
                .query(String.class).single()).isEqualTo("api:订单系统");
        assertThat(jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_key WHERE secret_hash = ?").param(ApiKeys.hash(key))
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NUMBER_VERIFIED' AND actor = 'api:订单系统' "
                + "AND tenant_id = ?").param(tenant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void withoutAValidKeyTheApiAnswers401EvenToASignedInBrowser() throws Exception {
        verify(null, "{\"mobile\":\"13800138000\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        verify("np700_not-a-key", "{\"mobile\":\"13800138000\"}")
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_API_KEY"));
        mvc.perform(post("/api/v1/verifications").with(TestLogins.as(accounts, "kuaida-admin")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mobile\":\"13800138000\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aRevokedKeyAndASuspendedTenantsKeyStopAtOnce() throws Exception {
        Tenant tenant = newTenant();
        String revoked = createKey(tenant, "old", "");
        String live = createKey(tenant, "live", "");
        long revokedId = jdbc.sql("SELECT id FROM api_key WHERE secret_hash = ?").param(ApiKeys.hash(revoked))
                .query(Long.class).single();
        // used just before: the key is remembered on this node, and revoking must forget it
        verify(revoked, "{\"mobile\":\"13800138000\"}").andExpect(status().isOk());
        mvc.perform(post("/enterprise/api-keys/" + revokedId + "/revoke").with(csrf())
                        .with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection());
        verify(revoked, "{\"mobile\":\"13800138000\"}")
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_API_KEY"));
        verify(live, "{\"mobile\":\"13800138000\"}").andExpect(status().isOk());

        mvc.perform(post("/operator/tenants/" + tenant.id() + "/status").with(csrf()).with(TestLogins.as(accounts, "operator"))
                        .param("target", "SUSPENDED").param("reason", "接口滥用调查"))
                .andExpect(status().is3xxRedirection());
        verify(live, "{\"mobile\":\"13800138000\"}")
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("TENANT_SUSPENDED"));
        assertThat(checksOf(tenant)).isEqualTo(2);
    }

    @Test
    void anAllowlistedKeyWorksOnlyFromItsAddresses() throws Exception {
        Tenant tenant = newTenant();
        String key = createKey(tenant, "office", "10.1.2.0/24, 192.0.2.9");
        verify(key, "{\"mobile\":\"13800138000\"}")
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("IP_NOT_ALLOWED"));
        mvc.perform(post("/api/v1/verifications").header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mobile\":\"13800138000\"}")
                        .with(request -> {
                            request.setRemoteAddr("10.1.2.77");
                            return request;
                        }))
                .andExpect(status().isOk());
        assertThat(checksOf(tenant)).isEqualTo(1);
    }

    @Test
    void badBodiesAreRefusedWithStableCodesAndStoreNothing() throws Exception {
        Tenant tenant = newTenant();
        String key = createKey(tenant, "batch", "");
        verify(key, "{\"mobile\":").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        verify(key, "{\"mobile\":\"13800138000\",\"tenantId\":1}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("UNKNOWN_FIELD"))
                .andExpect(jsonPath("$.detail").value(containsString("tenantId")));
        verify(key, "{\"mobile\":\"12345\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_NUMBER"))
                .andExpect(jsonPath("$.errors[0].field").value("mobile"))
                .andExpect(jsonPath("$.errors[0].message").value("Enter a valid mainland China mobile number."));
        verify(key, "{\"mobile\":\"13800138000\",\"name\":\"张三\",\"idNumber\":\"110105194912310021\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_ID_NUMBER"));
        mvc.perform(post("/api/v1/verifications").header("Authorization", "Bearer " + key)
                        .contentType(MediaType.TEXT_PLAIN).content("13800138000"))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
        assertThat(checksOf(tenant)).isZero();
    }

    @Test
    void theKeyFormExplainsBadInputAndKeysStayWithinTheirTenant() throws Exception {
        Tenant mine = newTenant();
        Tenant theirs = newTenant();
        mvc.perform(post("/enterprise/api-keys").with(csrf()).with(TestLogins.as(accounts, mine.admin()))
                        .param("name", "erp").param("allowedCidrs", "10.0.0.0/33"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("“10.0.0.0/33”不是有效的 IP 地址或 CIDR 网段")))
                .andExpect(content().string(containsString(">10.0.0.0/33</textarea>")));
        createKey(mine, "erp", "");
        mvc.perform(post("/enterprise/api-keys").with(csrf()).with(TestLogins.as(accounts, mine.admin()))
                        .param("name", "erp").param("allowedCidrs", ""))
                .andExpect(content().string(containsString("已有同名密钥")));
        String theirKey = createKey(theirs, "theirs", "");
        long theirId = jdbc.sql("SELECT id FROM api_key WHERE secret_hash = ?").param(ApiKeys.hash(theirKey))
                .query(Long.class).single();
        mvc.perform(post("/enterprise/api-keys/" + theirId + "/revoke").with(csrf()).with(TestLogins.as(accounts, mine.admin())))
                .andExpect(status().isNotFound());
        verify(theirKey, "{\"mobile\":\"13800138000\"}").andExpect(status().isOk());
    }
}
