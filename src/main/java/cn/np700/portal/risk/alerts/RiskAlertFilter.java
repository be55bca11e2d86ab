package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskRuleCode;
import java.util.List;

/**
 * The alert list's filters as typed: status, rule, (operators only) the enterprise by name or id, and the page. Each is
 * read leniently: a value that is not one of the choices is reported next to its field and not applied, never a 400.
 */
public record RiskAlertFilter(String status, String rule, String tenant, String page) {

    static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "DISMISSED", "ACTED");

    public String statusCode() {
        String s = status == null ? "" : status.trim();
        return STATUSES.contains(s) ? s : null;
    }

    public boolean badStatus() {
        return status != null && !status.isBlank() && statusCode() == null;
    }

    public RiskRuleCode ruleCode() {
        String r = rule == null ? "" : rule.trim();
        for (RiskRuleCode code : RiskRuleCode.values()) {
            if (code.name().equals(r)) {
                return code;
            }
        }
        return null;
    }

    public boolean badRule() {
        return rule != null && !rule.isBlank() && ruleCode() == null;
    }

    public int pageIndex() {
        String p = page == null ? "" : page.trim();
        return p.matches("\\d{1,6}") ? Integer.parseInt(p) : 0;
    }
}
