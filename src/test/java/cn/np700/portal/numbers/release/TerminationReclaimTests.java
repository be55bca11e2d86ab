package cn.np700.portal.numbers.release;

import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Terminating an enterprise reclaims every block it holds into cooling in the same transaction: its live bindings end
 * (each audited), its numbers leave the pool with their open suspension reasons closed, its quota is given back.
 */
@PortalIntegrationTest
class TerminationReclaimTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private void bind(TestBindings.Ready tenant) throws Exception {
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + bindings.verified(tenant.tenantId()) + "\",\"b\":\""
                                + bindings.verified(tenant.tenantId()) + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated());
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aTerminatedEnterprisesBlocksCoolAndItsLiveBindingsEndEachAudited() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long tenantId = tenant.tenantId();
        bind(tenant);
        bind(tenant);
        bind(tenant);
        long code = BlockCode.ofNumber(tenant.firstX()).value();
        UsageNumber suspended = new UsageNumber(tenant.x(42));
        suspensions.suspendFor(suspended, SuspensionSource.ALERT, "77", "system", "risk alert 77");

        mvc.perform(post("/operator/tenants/" + tenantId + "/status").param("target", "TERMINATED").param("reason", "合同终止")
                .with(as(accounts, "operator")).with(csrf())).andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenantId).query(String.class).single())
                .isEqualTo("TERMINATED");
        assertThat(jdbc.sql("SELECT status FROM number_block WHERE code = ?").param(code).query(String.class).single())
                .isEqualTo("COOLING");
        assertThat(count("SELECT COUNT(*) FROM number_block WHERE tenant_id = ?", tenantId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?", tenantId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED')", tenantId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status = 'UNBOUND' AND ended_by = 'operator'", tenantId))
                .isEqualTo(3);
        assertThat(bindings.slotsOf(tenantId)).isZero();
        assertThat(bindings.usageLive(tenantId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'BINDING_UNBOUND' AND tenant_id = ? "
                + "AND actor = 'operator' AND details LIKE '%BLOCK_RECLAIMED%'", tenantId)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'BLOCK_RECLAIMED' AND target_id = ?",
                Long.toString(code))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'TENANT_TERMINATED' AND target_id = ?",
                Long.toString(tenantId))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM number_suspension WHERE subject_id = ? AND open_key = 1", suspended.value()))
                .isZero();
        assertThat(count("SELECT COALESCE(SUM(blocks_held), 0) FROM tenant_quota WHERE tenant_id = ?", tenantId)).isZero();
    }
}
