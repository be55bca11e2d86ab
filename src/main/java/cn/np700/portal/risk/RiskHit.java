package cn.np700.portal.risk;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a rule found: the subject ({@code x:<700 number>}, {@code a:<blind index>}, {@code tenant:<id>} or
 * {@code block:<code>}), the day it concerns, and the evidence (figures and masked records).
 */
record RiskHit(RiskRuleCode rule, String subject, LocalDate day, Long tenantId, String summary, Map<String, Object> evidence) {

    String kind() {
        return subject.substring(0, subject.indexOf(':'));
    }

    String key() {
        return subject.substring(subject.indexOf(':') + 1);
    }
}
