package cn.np700.portal.calls.retention;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunAlreadyGoing;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a night, on one node, starts the retention purge (see {@link RetentionPurge}): detail records older than the
 * retention period (default 6 months) and roll-ups older than 2 years, in batches each in its own short transaction
 * (never a long lock on the table). The purge is audited with its figures when it ends.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionPurge purge;
    private final BackgroundRuns runs;
    private final PlatformCalendar calendar;
    private final Clock clock;
    private final Period detail;
    private final Period rollups;

    RetentionJob(RetentionPurge purge, BackgroundRuns runs, PlatformCalendar calendar, Clock clock,
            @Value("${portal.calls.retention.detail:P6M}") Period detail,
            @Value("${portal.calls.retention.rollups:P2Y}") Period rollups) {
        this.purge = purge;
        this.runs = runs;
        this.calendar = calendar;
        this.clock = clock;
        this.detail = detail;
        this.rollups = rollups;
    }

    @Scheduled(cron = "${portal.calls.retention.cron:0 30 3 * * *}", zone = "${portal.time-zone:Asia/Shanghai}")
    @SchedulerLock(name = "calls-retention", lockAtMostFor = "PT10M")
    public void scheduled() {
        start().ifPresent(run -> log.info("Retention purge {} started: {} rows", run.id(), run.total()));
    }

    /** Starts a purge of what is due now; empty when nothing is, or while an earlier purge still runs. */
    Optional<Run> start() {
        RetentionPurge.Plan plan = planForToday();
        int due = purge.rowsDue(plan);
        if (due == 0) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detailBefore", plan.detailBefore().toString());
        details.put("rollupsBefore", plan.rollupsBefore().toString());
        try {
            return Optional.of(runs.start(new NewRun(RetentionPurge.KIND, Optional.empty(), label(plan), AuditActor.SYSTEM, due,
                    plan.text(), RetentionPurge.KIND, details)));
        } catch (RunAlreadyGoing e) {
            log.info("Retention purge {} still runs; no second one", e.running().id());
            return Optional.empty();
        }
    }

    RetentionPurge.Plan planForToday() {
        LocalDate today = calendar.dayOf(clock.instant());
        return new RetentionPurge.Plan(calendar.startOf(today.minus(detail)), today.minus(rollups));
    }

    /** Records before the first date, roll-ups before the second. */
    String label(RetentionPurge.Plan plan) {
        return calendar.dayOf(plan.detailBefore()) + " / " + plan.rollupsBefore();
    }
}
