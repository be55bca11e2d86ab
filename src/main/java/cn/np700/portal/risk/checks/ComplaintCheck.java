package cn.np700.portal.risk.checks;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.compliance.ComplaintReceived;
import cn.np700.portal.compliance.Complaints;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Complaints about one X: checked as each complaint arrives, inside the transaction that stores it, and again by the
 * periodic sweep.
 */
@Component
public class ComplaintCheck {

    private final Complaints complaints;
    private final RiskRules rules;
    private final RiskAlerts alerts;
    private final PlatformCalendar calendar;
    private final Clock clock;

    ComplaintCheck(Complaints complaints, RiskRules rules, RiskAlerts alerts, PlatformCalendar calendar, Clock clock) {
        this.complaints = complaints;
        this.rules = rules;
        this.alerts = alerts;
        this.calendar = calendar;
        this.clock = clock;
    }

    @EventListener
    void on(ComplaintReceived complaint) {
        RiskRule rule = rules.get(RiskRuleCode.COMPLAINTS);
        if (rule.enabled()) {
            check(rule, complaint.number(), complaint.tenantId()).ifPresent(hit -> alerts.raise(hit, rule));
        }
    }

    /** {@code tenant} null: no tenant holds the number. */
    public Optional<RiskHit> check(RiskRule rule, long x, TenantId tenant) {
        Instant now = clock.instant();
        long count = complaints.countFor(x, since(rule, now));
        return count < rule.threshold() ? Optional.empty() : Optional.of(hit(rule, x, tenant, count, now));
    }

    /** Every number over the threshold, for the periodic sweep (a complaint stored without its event still counts). */
    List<RiskHit> all(RiskRule rule) {
        Instant now = clock.instant();
        return complaints.numbersWithAtLeast(rule.threshold(), since(rule, now)).stream()
                .map(c -> hit(rule, c.x(), c.tenantId(), c.complaints(), now)).toList();
    }

    private static Instant since(RiskRule rule, Instant now) {
        return now.minusSeconds(86_400L * rule.volume());
    }

    private RiskHit hit(RiskRule rule, long x, TenantId tenant, long count, Instant now) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("x", Long.toString(x));
        evidence.put("complaints", count);
        evidence.put("days", rule.volume());
        evidence.put("threshold", rule.threshold());
        return new RiskHit(rule.code(), "x:" + x, calendar.dayOf(now), tenant, x + ": " + count, evidence);
    }
}
