package cn.np700.portal.risk.checks;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the enabled rules over today and yesterday (a day's late call records still count). Alerts are raised
 * once per rule, subject and day, so running again, or on two nodes, raises nothing twice.
 */
@Component
public class RiskSweep {

    private static final Logger log = LoggerFactory.getLogger(RiskSweep.class);

    private final RiskRules rules;
    private final RiskAlerts alerts;
    private final CallPatternChecks calls;
    private final ResaleChecks resale;
    private final ComplaintCheck complaints;
    private final PlatformCalendar calendar;
    private final Clock clock;

    RiskSweep(RiskRules rules, RiskAlerts alerts, CallPatternChecks calls, ResaleChecks resale, ComplaintCheck complaints,
            PlatformCalendar calendar, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.calls = calls;
        this.resale = resale;
        this.complaints = complaints;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portal.risk.sweep:PT10M}", fixedDelayString = "${portal.risk.sweep:PT10M}")
    @SchedulerLock(name = "risk-sweep")
    public void scheduled() {
        int raised = sweep();
        if (raised > 0) {
            log.info("Risk sweep raised {} alerts", raised);
        }
    }

    /** The number of new alerts. */
    public int sweep() {
        Instant now = clock.instant();
        LocalDate today = calendar.dayOf(now);
        int raised = 0;
        for (RiskRule rule : rules.all()) {
            if (!rule.enabled()) {
                continue;
            }
            for (RiskHit hit : hits(rule, today, now)) {
                try {
                    raised += alerts.raise(hit, rule) ? 1 : 0;
                } catch (RuntimeException e) {
                    // one subject that cannot be handled must not hide the others
                    log.warn("Risk alert {} on {} not raised", hit.rule(), hit.subject(), e);
                }
            }
        }
        return raised;
    }

    private List<RiskHit> hits(RiskRule rule, LocalDate today, Instant now) {
        List<RiskHit> hits = new ArrayList<>();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            switch (rule.code()) {
                case SHORT_CALLS -> {
                    hits.addAll(calls.shortCalls(rule, day));
                    hits.addAll(calls.shortCallsPerCaller(rule, day));
                }
                case LOW_ANSWER -> {
                    hits.addAll(calls.lowAnswer(rule, day));
                    hits.addAll(calls.lowAnswerPerCaller(rule, day));
                }
                case MARKETING_REACH -> hits.addAll(calls.reach(rule, day));
                case BINDING_SURGE -> hits.addAll(resale.surge(rule, day));
                case ALLOWLIST_REFUSALS -> hits.addAll(resale.allowlistRefusals(rule, day));
                default -> {
                }
            }
        }
        if (rule.code() == RiskRuleCode.HOARDING) {
            hits.addAll(resale.hoarding(rule, now));
        }
        if (rule.code() == RiskRuleCode.COMPLAINTS) {
            hits.addAll(complaints.all(rule));
        }
        return hits;
    }
}
