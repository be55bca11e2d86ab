package cn.np700.portal.risk;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.time.LocalDate;

/** One alert as pages show it; evidence is JSON text; no tenant when none held the subject. */
public record RiskAlert(long id, RiskRuleCode rule, String subject, LocalDate day, TenantId tenantId, String tenantName,
        String severity, String status, String summary, String evidence, String action, String note, Instant createdAt,
        Instant handledAt, String handledBy) {

    public boolean open() {
        return status.equals("OPEN") || status.equals("ACKNOWLEDGED");
    }

    /** What the alert is about, as people read it (an A party is shown only as such). */
    public String subjectLabel() {
        String type = subjectType();
        String key = subject.substring(subject.indexOf(':') + 1);
        return switch (type) {
            case "x", "block", "tenant" -> key;
            default -> "A";
        };
    }

    /** x, block, tenant or a; a subject without a type (none is written so) reads as its key. */
    public String subjectType() {
        int colon = subject.indexOf(':');
        return colon < 0 ? "x" : subject.substring(0, colon);
    }
}
