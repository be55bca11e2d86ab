package cn.np700.portal.numbers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A forced reclaim ends the block's live bindings in its own transaction, each on the audit trail. */
@PortalIntegrationTest
class ReclaimEndsBindingsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestNumbers numbers;
    @Autowired
    BlockRelease release;
    @Autowired
    JdbcClient jdbc;

    private void bind(TestBindings.Ready tenant) throws Exception {
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + bindings.verified(tenant.tenantId()) + "\",\"b\":\""
                                + bindings.verified(tenant.tenantId()) + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated());
    }

    @Test
    void reclaimingABlockEndsItsLiveBindings() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        bind(tenant);
        bind(tenant);
        BlockCode block = BlockCode.ofNumber(tenant.firstX());

        numbers.signedInAs("operator", () -> {
            release.reclaim(block, 2);
            return null;
        });

        assertThat(jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status = 'UNBOUND' AND ended_by = 'operator'")
                .param(tenant.tenantId()).query(Long.class).single()).isEqualTo(2);
        assertThat(bindings.slotsOf(tenant.tenantId())).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'BINDING_UNBOUND' AND tenant_id = ? "
                + "AND actor = 'operator' AND details LIKE '%BLOCK_RECLAIMED%'").param(tenant.tenantId())
                .query(Long.class).single()).isEqualTo(2);
    }
}
