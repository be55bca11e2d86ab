package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
/** One rule's settings as operators set them. */
public record RiskRule(RiskRuleCode code, boolean enabled, boolean autoSuspend, int threshold, int volume, String severity) {
}
