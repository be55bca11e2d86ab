package cn.np700.portal.risk;

import cn.np700.portal.risk.checks.RiskSweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The resale rule on refused API calls: keys used from outside their allowlist raise an alert about the tenant. */
@PortalIntegrationTest
class RiskAllowlistTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestApiKeys keys;
    @Autowired
    RiskSweep sweep;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void defaultThreshold() {
        jdbc.sql("UPDATE risk_rule SET threshold = 20 WHERE code = 'ALLOWLIST_REFUSALS'").update();
    }

    private long alerts(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM risk_alert WHERE rule = 'ALLOWLIST_REFUSALS' AND subject = ?")
                .param("tenant:" + tenantId).query(Long.class).single();
    }

    @Test
    void refusedCallsAtTheThresholdRaiseOneAlertAndFewerRaiseNone() throws Exception {
        jdbc.sql("UPDATE risk_rule SET threshold = 3 WHERE code = 'ALLOWLIST_REFUSALS'").update();
        TestBindings.Ready fenced = bindings.tenant();
        TestBindings.Ready quiet = bindings.tenant();
        String fencedKey = keys.create(fenced.tenantId(), "office", "10.8.0.0/16");
        String quietKey = keys.create(quiet.tenantId(), "office", "10.8.0.0/16");
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/v1/bindings").header("Authorization", "Bearer " + fencedKey)).andExpect(status().isForbidden());
        }
        for (int i = 0; i < 2; i++) {
            mvc.perform(get("/api/v1/bindings").header("Authorization", "Bearer " + quietKey)).andExpect(status().isForbidden());
        }

        sweep.sweep();
        sweep.sweep();

        assertThat(alerts(fenced.tenantId())).isEqualTo(1);
        assertThat(alerts(quiet.tenantId())).isZero();
        assertThat(jdbc.sql("SELECT evidence FROM risk_alert WHERE rule = 'ALLOWLIST_REFUSALS' AND subject = ?")
                .param("tenant:" + fenced.tenantId()).query(String.class).single()).contains("\"refusedCalls\":3");
    }
}
