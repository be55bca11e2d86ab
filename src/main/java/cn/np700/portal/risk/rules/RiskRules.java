package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskAudit;
import cn.np700.portal.database.RetryOnTransientFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the rules' settings; every change is audited with its before and after. */
@Component
public class RiskRules {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RiskRules(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public List<RiskRule> all() {
        return jdbc.sql("SELECT code, enabled, auto_suspend, threshold, volume, severity FROM risk_rule")
                .query((rs, n) -> new RiskRule(RiskRuleCode.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getInt(4), rs.getInt(5), rs.getString(6)))
                .list().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }

    public RiskRule get(RiskRuleCode code) {
        return all().stream().filter(r -> r.code() == code).findFirst().orElseThrow();
    }

    @RetryOnTransientFailure
    @Transactional
    public void update(RiskRule after) {
        RiskRule before = get(after.code());
        jdbc.sql("UPDATE risk_rule SET enabled = ?, auto_suspend = ?, threshold = ?, volume = ? WHERE code = ?")
                .params(after.enabled(), after.autoSuspend(), after.threshold(), after.volume(), after.code().name()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", describe(before));
        details.put("after", describe(after));
        events.publishEvent(RiskAudit.of("RISK_RULE_CHANGED", "RISK_RULE", after.code().name(), null, details));
    }

    private static String describe(RiskRule rule) {
        return "enabled=" + rule.enabled() + ", autoSuspend=" + rule.autoSuspend() + ", threshold=" + rule.threshold()
                + ", volume=" + rule.volume();
    }
}
