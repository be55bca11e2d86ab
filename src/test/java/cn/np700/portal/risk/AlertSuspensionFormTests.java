package cn.np700.portal.risk;

import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Suspending from an alert, above all a whole enterprise, takes a chosen scope, a reason and a ticked confirmation;
 * what is missing is said next to its field with the rest kept, and nothing changes until all three are there.
 */
@PortalIntegrationTest
class AlertSuspensionFormTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    RiskAlerts alerts;
    @Autowired
    RiskRules rules;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    PlatformCalendar calendar;

    private MockHttpServletRequestBuilder suspend(long alert) {
        return post("/operator/risk/alerts/" + alert + "/suspend").with(as(accounts, "operator")).with(csrf());
    }

    private String tenantStatus(long tenantId) {
        return jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenantId).query(String.class).single();
    }

    @Test
    void anEnterpriseIsSuspendedFromAnAlertOnlyWithAReasonAndAConfirmation() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        long tenantId = tenant.tenantId();
        String name = jdbc.sql("SELECT name FROM tenant WHERE id = ?").param(tenantId).query(String.class).single();
        alerts.raise(new RiskHit(RiskRuleCode.BINDING_SURGE, "tenant:" + tenantId, calendar.dayOf(clock.instant()),
                TenantId.of(tenantId), "5 / 1", Map.of("newBindings", 5)), rules.get(RiskRuleCode.BINDING_SURGE));
        long alert = jdbc.sql("SELECT id FROM risk_alert WHERE subject = ?").param("tenant:" + tenantId).query(Long.class).single();
        mvc.perform(get("/operator/risk/alerts/" + alert).with(as(accounts, "reviewer")))
                .andExpect(content().string(containsString("id=\"suspend-confirm\"")))
                .andExpect(content().string(containsString(name)));

        mvc.perform(suspend(alert).param("target", "TENANT").param("confirm", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"suspendReason-problem\"")))
                .andExpect(content().string(containsString("请填写暂停原因")));
        mvc.perform(suspend(alert).param("target", "TENANT").param("suspendReason", "疑似转租，核查资料"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm-problem\"")))
                .andExpect(content().string(containsString("疑似转租，核查资料")))
                .andExpect(content().string(not(containsString("id=\"suspendReason-problem\""))));
        mvc.perform(suspend(alert).param("suspendReason", "疑似转租，核查资料").param("confirm", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"target-problem\"")));
        mvc.perform(suspend(alert).param("target", "EVERYTHING").param("suspendReason", "x").param("confirm", "true"))
                .andExpect(status().isNotFound());
        assertThat(tenantStatus(tenantId)).isEqualTo("ACTIVE");
        assertThat(alerts.find(alert).orElseThrow().status()).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant_suspension WHERE subject_id = ?").param(tenantId).query(Long.class).single())
                .isZero();

        mvc.perform(suspend(alert).param("target", "TENANT").param("suspendReason", " 疑似转租，核查资料 ").param("confirm", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "risk.alert.suspended.TENANT"));

        assertThat(tenantStatus(tenantId)).isEqualTo("SUSPENDED");
        RiskAlert acted = alerts.find(alert).orElseThrow();
        assertThat(acted.action()).isEqualTo("TENANT_SUSPENDED");
        assertThat(acted.note()).isEqualTo("疑似转租，核查资料");
        assertThat(jdbc.sql("SELECT CONCAT(source, '/', source_id, '/', opened_by, '/', why) FROM tenant_suspension WHERE subject_id = ?")
                .param(tenantId).query(String.class).single()).isEqualTo("ALERT/" + alert + "/operator/疑似转租，核查资料");
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'TENANT_SUSPENDED' AND target_id = ?")
                .param(Long.toString(tenantId)).query(String.class).single()).contains("疑似转租，核查资料");
    }
}
