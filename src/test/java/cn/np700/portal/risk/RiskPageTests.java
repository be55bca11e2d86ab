package cn.np700.portal.risk;

import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Rule settings are validated next to the field and audited; alerts are handled by operators and seen by their tenant only. */
@PortalIntegrationTest
class RiskPageTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    RiskRules rules;
    @Autowired
    RiskAlerts alerts;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;

    private long raise(long tenantId, String subject) {
        RiskRule rule = rules.get(RiskRuleCode.LOW_ANSWER);
        alerts.raise(new RiskHit(RiskRuleCode.LOW_ANSWER, subject, LocalDate.of(2026, 1, 1), TenantId.of(tenantId), "60 / 5",
                Map.of("calls", 60, "script", "<script>alert(1)</script>")), rule);
        return jdbc.sql("SELECT id FROM risk_alert WHERE subject = ?").param(subject).query(Long.class).single();
    }

    @Test
    void thresholdsOutOfRangeAreRefusedNextToTheFieldAndNothingIsStored() throws Exception {
        RiskRule before = rules.get(RiskRuleCode.SHORT_CALLS);
        mvc.perform(post("/operator/risk/rules/SHORT_CALLS").param("enabled", "true").param("threshold", "500")
                        .param("volume", "abc").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"threshold-problem\"")))
                .andExpect(content().string(containsString("id=\"volume-problem\"")))
                .andExpect(content().string(containsString("value=\"500\"")))
                .andExpect(content().string(containsString("value=\"abc\"")));
        assertThat(rules.get(RiskRuleCode.SHORT_CALLS)).isEqualTo(before);
    }

    @Test
    void aValidChangeIsSavedAndAudited() throws Exception {
        RiskRule before = rules.get(RiskRuleCode.HOARDING);
        long audited = jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'RISK_RULE_CHANGED'").query(Long.class).single();
        try {
            mvc.perform(post("/operator/risk/rules/HOARDING").param("enabled", "true").param("threshold", "6")
                            .param("volume", "30").with(as(accounts, "operator")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            assertThat(rules.get(RiskRuleCode.HOARDING).threshold()).isEqualTo(6);
            assertThat(rules.get(RiskRuleCode.HOARDING).autoSuspend()).isFalse();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'RISK_RULE_CHANGED'").query(Long.class).single())
                    .isEqualTo(audited + 1);
        } finally {
            rules.update(before);
        }
        mvc.perform(get("/operator/risk/rules").with(as(accounts, "operator"))).andExpect(status().isOk());
    }

    @Test
    void operatorsFilterAlertsByWhatTheyTypeAnEnterprisesNameAndBadFiltersAreExplainedNotRefused() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        long alert = raise(mine.tenantId(), "x:" + mine.firstX() + "-" + System.nanoTime());
        long others = raise(other.tenantId(), "x:" + other.firstX() + "-" + System.nanoTime());
        String name = jdbc.sql("SELECT name FROM tenant WHERE id = ?").param(mine.tenantId()).query(String.class).single();

        String byName = mvc.perform(get("/operator/risk/alerts").param("tenant", name).with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(byName).contains("id=\"alert-" + alert + "\"").doesNotContain("id=\"alert-" + others + "\"")
                .contains("<datalist id=\"tenant-names\">").contains("<option value=\"" + name + "\">");
        String byPart = mvc.perform(get("/operator/risk/alerts").param("tenant", name.substring(2).toUpperCase())
                        .with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(byPart).contains("id=\"alert-" + alert + "\"").doesNotContain("id=\"alert-" + others + "\"");

        String unknown = mvc.perform(get("/operator/risk/alerts").param("tenant", "没有这家企业").param("rule", "abc")
                        .param("status", "x").param("page", "-1").with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("id=\"tenant-problem\"").contains("没有名称包含“没有这家企业”的企业")
                .contains("value=\"没有这家企业\"").contains("不是可选的值").doesNotContain("id=\"alert-" + alert + "\"");
    }

    @Test
    void aTenantSeesItsOwnAlertsOnlyAndReadOnly() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        long own = raise(mine.tenantId(), "x:" + mine.x(1));
        long theirs = raise(other.tenantId(), "x:" + other.x(1));

        mvc.perform(get("/risk/alerts").with(as(accounts, mine.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("alert-" + own + "\"")))
                .andExpect(content().string(not(containsString("alert-" + theirs + "\""))));
        mvc.perform(get("/risk/alerts/" + own).with(as(accounts, mine.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;")))
                .andExpect(content().string(not(containsString("id=\"dismiss\""))));
        mvc.perform(get("/risk/alerts/" + theirs).with(as(accounts, mine.admin()))).andExpect(status().isNotFound());
    }

    @Test
    void operatorsAcknowledgeAndDismissOnlyWithANote() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long id = raise(tenant.tenantId(), "x:" + tenant.x(2));
        mvc.perform(get("/operator/risk/alerts").param("status", "OPEN").param("rule", "LOW_ANSWER")
                        .param("tenant", Long.toString(tenant.tenantId())).with(as(accounts, "operator")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("alert-" + id + "\"")));
        mvc.perform(post("/operator/risk/alerts/" + id + "/acknowledge").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(alerts.find(id).orElseThrow().status()).isEqualTo("ACKNOWLEDGED");

        mvc.perform(post("/operator/risk/alerts/" + id + "/dismiss").param("note", "  ").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"note-problem\"")));
        assertThat(alerts.find(id).orElseThrow().status()).isEqualTo("ACKNOWLEDGED");

        mvc.perform(post("/operator/risk/alerts/" + id + "/dismiss").param("note", "known test traffic")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        RiskAlert dismissed = alerts.find(id).orElseThrow();
        assertThat(dismissed.status()).isEqualTo("DISMISSED");
        assertThat(dismissed.note()).isEqualTo("known test traffic");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'RISK_ALERT_DISMISSED' AND target_id = ?")
                .param(Long.toString(id)).query(Long.class).single()).isEqualTo(1);
    }
}
