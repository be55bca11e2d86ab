package cn.np700.portal.risk;

import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Object mother for risk alerts: an open alert of a tenant, raised the way the sweep raises one. */
@Component
public class TestRiskAlerts {

    private final RiskRules rules;
    private final RiskAlerts alerts;
    private final JdbcClient jdbc;

    TestRiskAlerts(RiskRules rules, RiskAlerts alerts, JdbcClient jdbc) {
        this.rules = rules;
        this.alerts = alerts;
        this.jdbc = jdbc;
    }

    /** Raises a low-answer-rate alert on the tenant's 700 number {@code x} and answers its id. */
    public long lowAnswerRate(long tenantId, long x) {
        String subject = "x:" + x;
        alerts.raise(new RiskHit(RiskRuleCode.LOW_ANSWER, subject, LocalDate.of(2026, 1, 1), TenantId.of(tenantId), "60 / 5",
                Map.of("calls", 60)), rules.get(RiskRuleCode.LOW_ANSWER));
        return jdbc.sql("SELECT id FROM risk_alert WHERE subject = ?").param(subject).query(Long.class).single();
    }
}
