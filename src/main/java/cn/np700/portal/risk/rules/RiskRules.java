package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskAudit;
import cn.np700.portal.database.RecentReads;
import cn.np700.portal.database.RetryOnTransientFailure;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the rules' settings; every change is audited with its before and after. */
@Component
public class RiskRules {

    /** How long a check made on every binding may use a rule as read on this node; a change here is seen at once. */
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final StoredRiskRules stored;
    private final ApplicationEventPublisher events;
    private final RecentReads<RiskRuleCode, RiskRule> recent = new RecentReads<>(REMEMBERED, RiskRuleCode.values().length + 1);

    RiskRules(StoredRiskRules stored, ApplicationEventPublisher events) {
        this.stored = stored;
        this.events = events;
    }

    public List<RiskRule> all() {
        return stored.findAll().stream().map(StoredRiskRule::rule).sorted(Comparator.comparing(RiskRule::code)).toList();
    }

    public RiskRule get(RiskRuleCode code) {
        return stored.findById(code).orElseThrow().rule();
    }

    /**
     * The rule for a check made on every binding created: as read at most {@link #REMEMBERED} ago, changed at once by
     * {@link #update} on this node and within that time on the others. Reading it each time (a read-only repository
     * transaction: six round trips) cost the checking thread more than the check's own query.
     */
    public RiskRule remembered(RiskRuleCode code) {
        return recent.get(code, this::get);
    }

    /** Refused with an OptimisticLockingFailureException when another change was saved since this one read the rule. */
    @RetryOnTransientFailure
    @Transactional
    public void update(RiskRule after) {
        StoredRiskRule current = stored.findById(after.code()).orElseThrow();
        RiskRule before = current.rule();
        stored.save(current.changedTo(after));
        recent.forgetAll();
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
