package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.scope.TenantId;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a rule found: the subject ({@code x:<700 number>}, {@code a:<blind index>}, {@code tenant:<id>} or
 * {@code block:<code>}), the day it concerns, its tenant (null when no tenant holds the subject) and the evidence
 * (figures and masked records).
 */
public record RiskHit(RiskRuleCode rule, String subject, LocalDate day, TenantId tenantId, String summary, Map<String, Object> evidence) {

    String kind() {
        return subject.substring(0, subject.indexOf(':'));
    }

    String key() {
        return subject.substring(subject.indexOf(':') + 1);
    }
}
