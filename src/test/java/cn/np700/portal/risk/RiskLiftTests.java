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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A suspension is lifted from its alert (number, bindings or enterprise) or a suspended binding restored from its page:
 * only with a note, only by admins and reviewers, audited, and routing connects again.
 */
@PortalIntegrationTest
class RiskLiftTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RiskAlerts alerts;
    @Autowired
    RiskRules rules;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    Clock clock;
    @Autowired
    PlatformCalendar calendar;

    String carrier;

    @BeforeEach
    void carrier() {
        carrier = carriers.create("");
    }

    record Bound(TestBindings.Ready tenant, String a, long x, long bindingId) {
    }

    private Bound bind() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Bound(tenant, a, Long.parseLong(JsonPath.read(body, "$.x")), ((Number) JsonPath.read(body, "$.id")).longValue());
    }

    private ResultActions route(Bound bound) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"l-" + System.nanoTime() + "\",\"caller\":\"" + bound.a() + "\",\"x\":\"" + bound.x()
                        + "\",\"type\":\"VOICE\"}"));
    }

    /** Raises an alert as the rule would; SHORT_CALLS suspends at once (its seeded setting), the others do not. */
    private long raise(RiskRuleCode code, String subject, long tenantId) {
        alerts.raise(new RiskHit(code, subject, calendar.dayOf(clock.instant()), TenantId.of(tenantId), "60 / 50",
                Map.of("calls", 60)), rules.get(code));
        return jdbc.sql("SELECT id FROM risk_alert WHERE rule = ? AND subject = ?").params(code.name(), subject)
                .query(Long.class).single();
    }

    private ResultActions lift(long id, String note, String user) throws Exception {
        return mvc.perform(post("/operator/risk/alerts/" + id + "/lift").param("liftNote", note).with(as(accounts, user))
                .with(csrf()));
    }

    private long audits(String action, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?").params(action, targetId)
                .query(Long.class).single();
    }

    private String numberStatus(long x) {
        return jdbc.sql("SELECT status FROM pool_number WHERE number = ?").param(x).query(String.class).single();
    }

    @Test
    void anAutomaticNumberSuspensionIsLiftedFromTheAlertWithANote() throws Exception {
        Bound bound = bind();
        long id = raise(RiskRuleCode.SHORT_CALLS, "x:" + bound.x(), bound.tenant().tenantId());
        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("NUMBER_SUSPENDED");
        route(bound).andExpect(jsonPath("$.reason").value("NUMBER_SUSPENDED"));
        mvc.perform(get("/operator/risk/alerts/" + id).with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"lift\"")));

        lift(id, "  ", "operator").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"liftNote-problem\"")));
        String tooLong = "checked with the enterprise ".repeat(20);
        lift(id, tooLong, "operator").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"liftNote-problem\"")))
                .andExpect(content().string(containsString(tooLong)));
        lift(id, "checked", "auditor").andExpect(status().isForbidden());
        lift(id, "checked", "kuaida-admin").andExpect(status().isForbidden());
        lift(id, "checked", bound.tenant().admin()).andExpect(status().isForbidden());
        assertThat(numberStatus(bound.x())).isEqualTo("SUSPENDED");
        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("NUMBER_SUSPENDED");

        lift(id, "checked with the enterprise", "operator").andExpect(status().is3xxRedirection());

        RiskAlert lifted = alerts.find(id).orElseThrow();
        assertThat(lifted.action()).isEqualTo("NUMBER_LIFTED");
        assertThat(lifted.note()).isEqualTo("checked with the enterprise");
        assertThat(lifted.handledBy()).isEqualTo("operator");
        assertThat(numberStatus(bound.x())).isNotEqualTo("SUSPENDED");
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("NUMBER_UNSUSPENDED", Long.toString(bound.x()))).isEqualTo(1);
        assertThat(audits("RISK_ALERT_LIFTED", Long.toString(id))).isEqualTo(1);
        mvc.perform(get("/operator/risk/alerts/" + id).with(as(accounts, "operator")))
                .andExpect(content().string(not(containsString("id=\"lift\""))));

        lift(id, "again", "operator").andExpect(status().is3xxRedirection());
        assertThat(audits("RISK_ALERT_LIFTED", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void liftingAnAlertOnAnARestoresTheBindingsItSuspendedOnly() throws Exception {
        Bound bound = bind();
        byte[] aHash = jdbc.sql("SELECT a_hash FROM binding WHERE id = ?").param(bound.bindingId()).query(byte[].class).single();
        long id = raise(RiskRuleCode.SHORT_CALLS, "a:" + HexFormat.of().formatHex(aHash), bound.tenant().tenantId());
        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("BINDING_SUSPENDED");
        route(bound).andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));

        lift(id, "the enterprise stopped the campaign", "reviewer").andExpect(status().is3xxRedirection());

        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("BINDING_LIFTED");
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("BINDING_UNSUSPENDED", Long.toString(bound.bindingId()))).isEqualTo(1);
        assertThat(audits("RISK_ALERT_LIFTED", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void anEnterpriseSuspendedFromAnAlertIsReactivatedFromIt() throws Exception {
        Bound bound = bind();
        long tenantId = bound.tenant().tenantId();
        long id = raise(RiskRuleCode.BINDING_SURGE, "tenant:" + tenantId, tenantId);
        mvc.perform(post("/operator/risk/alerts/" + id + "/suspend").param("target", "TENANT").param("suspendReason", "confirmed with the evidence")
                .param("confirm", "true")
                .with(as(accounts, "operator")).with(csrf())).andExpect(status().is3xxRedirection());
        route(bound).andExpect(jsonPath("$.reason").value("TENANT_SUSPENDED"));

        lift(id, "", "operator").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"liftNote-problem\"")));
        assertThat(jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenantId).query(String.class).single())
                .isEqualTo("SUSPENDED");

        lift(id, "documents received", "operator").andExpect(status().is3xxRedirection());

        assertThat(alerts.find(id).orElseThrow().action()).isEqualTo("TENANT_LIFTED");
        assertThat(jdbc.sql("SELECT status FROM tenant WHERE id = ?").param(tenantId).query(String.class).single())
                .isEqualTo("ACTIVE");
        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("TENANT_REACTIVATED", Long.toString(tenantId))).isEqualTo(1);
        assertThat(audits("RISK_ALERT_LIFTED", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void aSuspendedBindingIsRestoredFromItsPageWithAReason() throws Exception {
        Bound bound = bind();
        long id = raise(RiskRuleCode.LOW_ANSWER, "x:" + bound.x(), bound.tenant().tenantId());
        mvc.perform(post("/operator/risk/alerts/" + id + "/suspend").param("target", "BINDING").param("suspendReason", "confirmed with the evidence")
                .param("confirm", "true")
                .with(as(accounts, "operator")).with(csrf())).andExpect(status().is3xxRedirection());
        route(bound).andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));
        String page = "/operator/bindings/" + bound.bindingId();
        mvc.perform(get(page).with(as(accounts, "reviewer")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"restore\"")));
        mvc.perform(get(page).with(as(accounts, "auditor")))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("id=\"restore\""))));

        mvc.perform(post(page + "/restore").param("restoreReason", " ").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"restoreReason-problem\"")));
        String tooLong = "x".repeat(201);
        mvc.perform(post(page + "/restore").param("restoreReason", tooLong).with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"restoreReason-problem\"")))
                .andExpect(content().string(containsString("value=\"" + tooLong + "\"")));
        for (String user : new String[] {"auditor", "kuaida-admin", bound.tenant().admin()}) {
            mvc.perform(post(page + "/restore").param("restoreReason", "ok").with(as(accounts, user)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/operator/bindings/999999999999/restore").param("restoreReason", "ok")
                .with(as(accounts, "operator")).with(csrf())).andExpect(status().isNotFound());
        route(bound).andExpect(jsonPath("$.reason").value("BINDING_SUSPENDED"));

        mvc.perform(post(page + "/restore").param("restoreReason", "false alarm").with(as(accounts, "reviewer")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        route(bound).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(audits("BINDING_UNSUSPENDED", Long.toString(bound.bindingId()))).isEqualTo(1);
        // the alert has nothing left to lift
        mvc.perform(get("/operator/risk/alerts/" + id).with(as(accounts, "operator")))
                .andExpect(content().string(not(containsString("id=\"lift\""))));
        mvc.perform(post(page + "/restore").param("restoreReason", "again").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(audits("BINDING_UNSUSPENDED", Long.toString(bound.bindingId()))).isEqualTo(1);
    }
}
