package cn.np700.portal.risk;

/** The alert list's filters: status, rule and (operators only) tenant, plus the page. */
public record RiskAlertFilter(String status, RiskRuleCode rule, Long tenant, Integer page) {

    int pageIndex() {
        return page == null || page < 0 ? 0 : page;
    }
}
