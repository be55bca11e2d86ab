package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.web.DisplayTimes;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges detail records older than the retention period (default 6 months) and roll-ups older than 2 years, in
 * small batches each in its own short transaction (never a long lock on the table), once a night on one node.
 * Each run that purges anything is on the audit trail with its figures.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final int BATCH = 2_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final DisplayTimes times;
    private final Clock clock;
    private final Period detail;
    private final Period rollups;

    RetentionJob(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, DisplayTimes times, Clock clock,
            @Value("${portal.calls.retention.detail:P6M}") Period detail,
            @Value("${portal.calls.retention.rollups:P2Y}") Period rollups) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.times = times;
        this.clock = clock;
        this.detail = detail;
        this.rollups = rollups;
    }

    record Purged(long records, long rejections, long dailyRows) {
    }

    @Scheduled(cron = "${portal.calls.retention.cron:0 30 3 * * *}", zone = "${portal.time-zone:Asia/Shanghai}")
    @SchedulerLock(name = "calls-retention", lockAtMostFor = "PT2H")
    public void scheduled() {
        Purged purged = purge();
        if (purged.records() + purged.dailyRows() + purged.rejections() > 0) {
            log.info("Retention purged {}", purged);
        }
    }

    Purged purge() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), times.zone());
        Instant detailBefore = times.startOf(today.minus(detail));
        LocalDate rollupsBefore = today.minus(rollups);
        long records = inBatches("DELETE FROM call_record WHERE start_time < ? LIMIT " + BATCH, Timestamp.from(detailBefore));
        long rejections = inBatches("DELETE FROM route_rejection WHERE at < ? LIMIT " + BATCH, Timestamp.from(detailBefore));
        long daily = inBatches("DELETE FROM call_daily WHERE day < ? LIMIT " + BATCH, Date.valueOf(rollupsBefore))
                + inBatches("DELETE FROM call_daily_tenant WHERE day < ? LIMIT " + BATCH, Date.valueOf(rollupsBefore));
        Purged purged = new Purged(records, rejections, daily);
        if (records + rejections + daily > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("callRecords", records);
            details.put("routeRejections", rejections);
            details.put("dailyRows", daily);
            details.put("detailBefore", detailBefore.toString());
            details.put("rollupsBefore", rollupsBefore.toString());
            tx.executeWithoutResult(status -> events.publishEvent(new RetentionPurged(details)));
        }
        return purged;
    }

    private long inBatches(String sql, Object before) {
        long total = 0;
        while (true) {
            Integer deleted = tx.execute(status -> jdbc.sql(sql).param(before).update());
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }

    record RetentionPurged(Map<String, Object> details) implements AuditableEvent {

        @Override
        public String action() {
            return "CALL_RECORDS_PURGED";
        }

        @Override
        public String targetType() {
            return "CALL_RECORDS";
        }

        @Override
        public String targetId() {
            return "retention";
        }

        @Override
        public Long tenantId() {
            return null;
        }

        @Override
        public Optional<AuditActor> actor() {
            return Optional.of(AuditActor.SYSTEM);
        }
    }
}
