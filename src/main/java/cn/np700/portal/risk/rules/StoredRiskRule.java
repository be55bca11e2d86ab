package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One rule's settings as stored: the aggregate behind {@link RiskRule}. Its version refuses a save read before another
 * operator's, so that the audit trail's before and after never skip a state.
 */
@Table("risk_rule")
record StoredRiskRule(@Id RiskRuleCode code, boolean enabled, boolean autoSuspend, int threshold, int volume,
        String severity, @Version Integer version) {

    RiskRule rule() {
        return new RiskRule(code, enabled, autoSuspend, threshold, volume, severity);
    }

    /** The operator's figures; the severity belongs to the rule and stays. */
    StoredRiskRule changedTo(RiskRule wanted) {
        return new StoredRiskRule(code, wanted.enabled(), wanted.autoSuspend(), wanted.threshold(), wanted.volume(),
                severity, version);
    }
}
