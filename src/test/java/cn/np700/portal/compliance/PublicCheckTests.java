package cn.np700.portal.compliance;

import cn.np700.portal.compliance.check.CheckRateLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.tenancy.TenantFacts;
import cn.np700.portal.tenancy.TestTenants;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public number check: what it says about a number, what it never says, bad input, and its rate limit. */
@PortalIntegrationTest
class PublicCheckTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MessageSource messages;
    @Autowired
    CheckRateLimit limit;

    static MockHttpServletRequestBuilder check(String number, String ip) {
        return get("/check").param("number", number).with(request -> {
            request.setRemoteAddr(ip);
            return request;
        });
    }

    private String page(String number) throws Exception {
        return mvc.perform(check(number, ComplaintTestData.freshIp())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    @Test
    void anAllocatedNumberNamesItsEnterpriseAndCategoryButNeverABindingOrARealNumber() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String orderRef = "ORD-" + TestTenants.unique();
        String created = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600,"
                                + "\"orderRef\":\"" + orderRef + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long x = Long.parseLong(com.jayway.jsonpath.JsonPath.read(created, "$.x").toString());
        TenantFacts facts = tenants.find(TenantId.of(tenant.tenantId())).orElseThrow();
        String category = messages.getMessage("category." + facts.category().name(), null, Locale.SIMPLIFIED_CHINESE);

        String html = page(Long.toString(x));

        assertThat(html).contains("id=\"verdict-ALLOCATED\"", UsageNumber.display(x), facts.name(), category)
                .doesNotContain(a, b, TestMobiles.masked(a), TestMobiles.masked(b), orderRef, a.substring(3),
                        b.substring(3), tenant.admin());
    }

    @Test
    void aPlatformNumberNobodyHoldsIsSaidToBeUnallocated() throws Exception {
        long code = ComplaintTestData.importFreshBlock(mvc, accounts);

        String html = page(code + "0042");

        assertThat(html).contains("id=\"verdict-UNALLOCATED\"", UsageNumber.display(code * 10_000 + 42))
                .doesNotContain("id=\"check-enterprise\"");
    }

    @Test
    void numbersOutsideThePlatformAreSaidNotToBeOurs() throws Exception {
        assertThat(page("700 7999 9999 0001")).contains("id=\"verdict-NOT_PLATFORM\"");
        assertThat(page("139123456789012")).contains("id=\"verdict-NOT_PLATFORM\"");
    }

    @Test
    void badInputIsExplainedNextToTheFieldAndKeptAsTyped() throws Exception {
        assertThat(page("abc<script>alert(1)</script>"))
                .contains("id=\"check-number-problem\"", "号码只能包含数字")
                .contains("value=\"abc&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert(1)</script>")
                .doesNotContain("id=\"check-answer\"");
        assertThat(page("7001000")).contains("id=\"check-number-problem\"", "700 号码为 15 位数字", "value=\"7001000\"");
        String english = mvc.perform(check("12-34", ComplaintTestData.freshIp()).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("A 700 number has 15 digits");
    }

    @Test
    void theRateLimitHoldsPerClientWithAPolite429() throws Exception {
        String ip = ComplaintTestData.freshIp();
        for (int i = 0; i < limit.perMinute(); i++) {
            mvc.perform(check("700 7999 9999 0001", ip)).andExpect(status().isOk());
        }

        mvc.perform(check("700 7999 9999 0001", ip))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().string(containsString("id=\"too-many\"")))
                .andExpect(content().string(containsString("请求过于频繁")))
                .andExpect(content().string(not(containsString("verdict-"))));
        mvc.perform(check("700 7999 9999 0001", ip).param("lang", "en"))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Too many requests")));
        mvc.perform(post("/check/complaints").with(csrf()).param("number", "x").with(r -> {
            r.setRemoteAddr(ip);
            return r;
        })).andExpect(status().isTooManyRequests());

        mvc.perform(check("700 7999 9999 0001", ComplaintTestData.freshIp())).andExpect(status().isOk());
    }

    @Test
    void anyoneMayOpenTheCheckWithoutSigningInAndTheLoginPageLinksToIt() throws Exception {
        mvc.perform(get("/check")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"complaint-form\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/login")).andExpect(content().string(containsString("href=\"/check\"")));
        mvc.perform(get("/operator/complaints")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/complaints")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/check/complaints").param("number", "x")).andExpect(status().isForbidden());
        mvc.perform(get("/check").with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk());
    }
}
