package cn.np700.portal.verification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationSource;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Operators read every tenant's checks, masked, and find one number across tenants without it in the URL. */
@PortalIntegrationTest
class OperatorVerificationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestTenants tenants;
    @Autowired
    RealNameVerification verification;

    @Test
    void operatorsFindANumberAcrossTenantsMaskedAndFilterByTenant() throws Exception {
        TestTenants.Created one = tenants.tenant();
        TestTenants.Created two = tenants.tenant();
        String shared = TestMobiles.withPrefix("136");
        String onlyOne = TestMobiles.withPrefix("136");
        String masked = TestMobiles.masked(shared);
        verification.check(TenantId.of(one.tenantId()), "t1", VerificationSource.PORTAL, new RealNameVerification.Subject(shared, null, null));
        verification.check(TenantId.of(two.tenantId()), "t2", VerificationSource.API, new RealNameVerification.Subject(shared, null, null));
        verification.check(TenantId.of(one.tenantId()), "t1", VerificationSource.PORTAL, new RealNameVerification.Subject(onlyOne, null, null));

        String location = mvc.perform(post("/operator/verifications/search").with(csrf())
                        .with(TestLogins.as(accounts, "reviewer")).param("number", shared))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).doesNotContain(shared);
        String page = mvc.perform(get(location).with(TestLogins.as(accounts, "auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("第 1–2 条，共 2 条").contains(masked).doesNotContain(shared);

        String filtered = mvc.perform(get(location + "&tenantId=" + two.tenantId()).with(TestLogins.as(accounts, "operator")))
                .andReturn().getResponse().getContentAsString();
        assertThat(filtered).contains("第 1–1 条，共 1 条").contains("t2 · 接口")
                .as("the chosen tenant stays selected").containsPattern("<option value=\"" + two.tenantId() + "\" selected");
    }

    /** An operator's tenant filter that is not a tenant id is said so next to the field, kept, and left out. */
    @Test
    void aTenantFilterThatIsNoTenantIdIsExplainedNextToTheFieldAndNotApplied() throws Exception {
        TestTenants.Created one = tenants.tenant();
        TestTenants.Created two = tenants.tenant();
        String shared = TestMobiles.withPrefix("137");
        verification.check(TenantId.of(one.tenantId()), "t1", VerificationSource.PORTAL, new RealNameVerification.Subject(shared, null, null));
        verification.check(TenantId.of(two.tenantId()), "t2", VerificationSource.API, new RealNameVerification.Subject(shared, null, null));
        String location = mvc.perform(post("/operator/verifications/search").with(csrf())
                        .with(TestLogins.as(accounts, "operator")).param("number", shared))
                .andReturn().getResponse().getRedirectedUrl();

        for (String bad : new String[] {"abc", "-1", "0", "99999999999999999999999"}) {
            String zh = mvc.perform(get(location + "&tenantId=" + bad).with(TestLogins.as(accounts, "operator")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(zh).as(bad).containsPattern("<option value=\"" + Pattern.quote(bad) + "\" selected[^>]*>"
                            + Pattern.quote(bad) + "</option>\\s*</select>\\s*<span class=\"field-error\" id=\"tenant-problem\"[^>]*>无法识别的企业")
                    .contains("aria-invalid=\"true\"")
                    .contains("第 1–2 条，共 2 条");
        }
        String en = mvc.perform(get(location + "&tenantId=abc&lang=en").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Unknown enterprise: choose one from the list; this filter was not applied.");
        String clean = mvc.perform(get(location).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(clean).doesNotContain("tenant-problem");
    }
}
