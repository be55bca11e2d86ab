package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Operators see every tenant's bindings; only an operator admin ends one, and only with a reason. */
@PortalIntegrationTest
class OperatorBindingPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    BindingCreation creation;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    JdbcClient jdbc;

    private record Bound(TestBindings.Ready tenant, long id, String a) {
    }

    private Bound bound() {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        BindingInput input = new BindingInput("AXB", a, bindings.verified(tenant.tenantId()), null, null, 3_600L, null,
                null, false, null);
        long id = creation.bind(TenantId.of(tenant.tenantId()), new Actor("test", null), input, false).binding().id();
        return new Bound(tenant, id, a);
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String stateOf(long id) {
        return jdbc.sql("SELECT status FROM binding WHERE id = ?").param(id).query(String.class).single();
    }

    private static String row(long id) {
        return "id=\"binding-" + id + "\"";
    }

    @Test
    void operatorsReviewersAndAuditorsSeeEveryTenantsBindings() throws Exception {
        Bound one = bound();
        Bound two = bound();
        String nameOne = tenants.find(TenantId.of(one.tenant().tenantId())).orElseThrow().name();
        String nameTwo = tenants.find(TenantId.of(two.tenant().tenantId())).orElseThrow().name();
        for (String user : new String[] {"operator", "reviewer", "auditor"}) {
            String all = body(get("/operator/bindings").with(TestLogins.as(accounts, user)));
            assertThat(all).as(user).contains(row(one.id()), row(two.id()), nameOne, nameTwo, TestMobiles.masked(one.a()))
                    .doesNotContain(one.a());
            String detail = body(get("/operator/bindings/" + one.id()).with(TestLogins.as(accounts, user)));
            assertThat(detail).as(user).contains(nameOne, TestMobiles.masked(one.a()), "id=\"timeline\"", "创建绑定")
                    .doesNotContain("id=\"unbind-form\"").doesNotContain("id=\"expiry-form\"");
            assertThat(detail.contains("id=\"force-unbind-form\"")).as(user).isEqualTo(user.equals("operator"));
        }
        String onlyOne = body(get("/operator/bindings?tenant=" + one.tenant().tenantId()).with(TestLogins.as(accounts, "reviewer")));
        assertThat(onlyOne).contains(row(one.id())).doesNotContain(row(two.id()));
        assertThat(body(get("/operator/bindings?tenant=abc").with(TestLogins.as(accounts, "operator"))))
                .contains("id=\"tenant-problem\"");

        String location = mvc.perform(post("/operator/bindings/search").with(csrf()).with(TestLogins.as(accounts, "auditor"))
                        .param("number", two.a()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/operator/bindings?").doesNotContain(two.a());
        assertThat(body(get(location).with(TestLogins.as(accounts, "auditor")))).contains(row(two.id()))
                .doesNotContain(row(one.id()));

        mvc.perform(get("/operator/bindings").with(TestLogins.as(accounts, one.tenant().admin())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/operator/bindings/" + one.id()).with(TestLogins.as(accounts, "kuaida-agent")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/operator/bindings/x" + one.id()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
    }

    @Test
    void forceUnbindingNeedsAReasonAndIsTheOperatorAdminsAlone() throws Exception {
        Bound bound = bound();
        for (String user : new String[] {"reviewer", "auditor", bound.tenant().admin()}) {
            mvc.perform(unbind(user, bound.id(), "成员投诉")).andExpect(status().isForbidden());
        }
        assertThat(stateOf(bound.id())).isEqualTo("ACTIVE");

        String refused = body(unbind("operator", bound.id(), "  "));
        assertThat(refused).containsPattern(Pattern.compile("<input [^>]*id=\"reason\"[^>]*class=\"invalid\"[^>]*>\\s*"
                + "<p class=\"field-error\" id=\"reason-problem\"[^>]*>请填写强制解绑的原因"));
        assertThat(body(unbind("operator", bound.id(), "x".repeat(201)))).contains("id=\"reason-problem\"", "最多 200 个字符");
        assertThat(stateOf(bound.id())).isEqualTo("ACTIVE");

        mvc.perform(unbind("operator", bound.id(), "疑似转售号码"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "binding.forceUnbound"));
        assertThat(stateOf(bound.id())).isEqualTo("UNBOUND");
        String details = jdbc.sql("SELECT CONCAT(actor, ' ', details) FROM audit_entry WHERE action = 'BINDING_UNBOUND' "
                + "AND target_id = ?").param(Long.toString(bound.id())).query(String.class).single();
        assertThat(details).startsWith("operator ").contains("疑似转售号码");
        assertThat(body(get("/bindings/" + bound.id()).with(TestLogins.as(accounts, bound.tenant().admin()))))
                .contains("已解绑", "疑似转售号码");
        mvc.perform(unbind("operator", 9_000_000_000L + bound.id(), "原因")).andExpect(status().isNotFound());
    }

    private MockHttpServletRequestBuilder unbind(String user, long id, String reason) {
        return post("/operator/bindings/" + id + "/unbind").with(csrf()).with(TestLogins.as(accounts, user))
                .param("reason", reason);
    }
}
